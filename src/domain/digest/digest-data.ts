/**
 * The digest as plain data, computed from what storage returned: completeness of the latest two
 * periods of every form, every plan indicator with its change and the units below target, and the
 * contacts the bot can no longer reach. Rendering (text, chart, workbook) reads only this.
 */
import type { Form } from '../forms/form-types.ts';
import type { PeriodWindow } from '../periods/period-window.ts';
import { periodCompleteness, type FiledStatus, type PeriodCompleteness } from './completeness.ts';
import type { IndicatorSummary } from './indicator-summary.ts';
import { reviewSummary, type FormReview, type ReturnedReportRow, type ReviewStatusRow } from './review-summary.ts';
import { byName, isReportingUnit, scopeRoots, type UnitNode, type UnitTree } from '../organisation/unit-tree.ts';

/** Completeness is listed from the most frequent report to the least. */
const PERIOD_ORDER: readonly Form['period'][] = ['weekly', 'monthly', 'quarterly', 'yearly'];

/** A channel identity the platform reported as unreachable, with its contact's role units. */
export interface UnreachableIdentity {
  contactId: number;
  contactName: string;
  channel: string;
  since: Date;
  reason: string | null;
  unitIds: number[];
}

/** An unreachable contact within a digest's scope, with the scope's units they act for. */
export interface UnreachableContact extends Omit<UnreachableIdentity, 'unitIds'> {
  units: UnitNode[];
}

/** Completeness of a form's digest periods, newest first. */
export interface FormCompleteness {
  form: Form;
  periods: PeriodCompleteness[];
}

/** Everything a digest shows. */
export interface DigestData {
  generatedAt: Date;
  timeZone: string;
  /** The top units of the scope ("Sở Y tế", or the province). */
  roots: UnitNode[];
  /** Units of the scope expected to report. */
  reportingUnits: number;
  completeness: FormCompleteness[];
  indicators: IndicatorSummary[];
  /** Scope units by code, to name the units an indicator lists. */
  unitsByCode: ReadonlyMap<string, UnitNode>;
  unreachable: UnreachableContact[];
  /** Review counts per form and period, and the returned reports waiting too long (forms in completeness order). */
  review: FormReview[];
}

/** What storage returned for one digest. */
export interface DigestInput {
  tree: UnitTree;
  scope: readonly UnitNode[];
  forms: readonly Form[];
  /** The windows asked for, by form id (see `digestWindows`), and the statuses found for them. */
  windows: ReadonlyMap<string, readonly PeriodWindow[]>;
  statuses: ReadonlyMap<string, readonly FiledStatus[]>;
  /** Every indicator summarised over the scope's units (see `summarizeIndicator`). */
  indicators: IndicatorSummary[];
  unreachable: readonly UnreachableIdentity[];
  /** Review states of the windows' reports by form id, and the scope's returned reports; none means no review section. */
  reviewStates?: ReadonlyMap<string, readonly ReviewStatusRow[]>;
  returned?: readonly ReturnedReportRow[];
  now: Date;
  timeZone: string;
}

/** Keeps the unreachable identities of contacts acting for a unit of the scope. */
export function unreachableInScope(identities: readonly UnreachableIdentity[], scope: readonly UnitNode[]): UnreachableContact[] {
  const byId = new Map(scope.map((unit) => [unit.id, unit]));
  const found: UnreachableContact[] = [];
  for (const { unitIds, ...identity } of identities) {
    const units = [...new Set(unitIds)].flatMap((id) => byId.get(id) ?? []).sort(byName);
    if (units.length) found.push({ ...identity, units });
  }
  return found.sort((a, b) => a.contactName.localeCompare(b.contactName, 'vi') || a.channel.localeCompare(b.channel));
}

/** Computes the digest from loaded data; pure. */
export function buildDigestData(input: DigestInput): DigestData {
  const { forms, scope, now, timeZone } = input;
  const ordered = [...forms].sort((a, b) => PERIOD_ORDER.indexOf(a.period) - PERIOD_ORDER.indexOf(b.period));
  const completeness = ordered.map((form) => ({
    form,
    periods: (input.windows.get(form.id) ?? []).map((window) =>
      periodCompleteness(form, window, scope, input.statuses.get(form.id) ?? [], now),
    ),
  }));
  return {
    generatedAt: now,
    timeZone,
    roots: scopeRoots(input.tree, scope),
    reportingUnits: scope.filter(isReportingUnit).length,
    completeness,
    indicators: input.indicators,
    unitsByCode: new Map(scope.map((unit) => [unit.code, unit])),
    unreachable: unreachableInScope(input.unreachable, scope),
    review: input.reviewStates
      ? reviewSummary({ forms: ordered, windows: input.windows, states: input.reviewStates, returned: input.returned ?? [], scope, now })
      : [],
  };
}
