/**
 * Where the Department's review stands in a digest: for each form and each of its digest periods,
 * how many of the scope's reports are new (waiting for a look), accepted and returned, and the
 * returned reports that have waited more than three days for their unit to send them again, so the
 * Sở Nội vụ can chase them. Pure: storage hands over the rows, the clock is the caller's.
 */
import type { Form } from '../forms/form-types.ts';
import type { PeriodWindow } from '../periods/period-window.ts';
import type { ReviewState } from '../review/review-state.ts';
import { byName, isReportingUnit, type UnitNode } from '../organisation/unit-tree.ts';

/** A returned report is "waiting too long" after this many days. */
export const STALE_RETURN_DAYS = 3;
const DAY_MS = 86_400_000;

/** Longest reason a chat line quotes; the workbook keeps it whole. */
export const SHORT_REASON_LENGTH = 60;

/** One stored report's review state, for counting. */
export interface ReviewStatusRow {
  unitId: number;
  periodKey: string;
  state: ReviewState;
}

/** One returned report, with when and why it was returned. */
export interface ReturnedReportRow {
  unitId: number;
  formId: string;
  periodKey: string;
  returnedAt: Date | null;
  reason: string | null;
}

/** How many reports of one period are in each review state. */
export interface ReviewCounts {
  new: number;
  accepted: number;
  returned: number;
}

/** One digest period of a form with its review counts. */
export interface PeriodReview {
  window: PeriodWindow;
  counts: ReviewCounts;
}

/** A returned report that has waited more than `STALE_RETURN_DAYS`. */
export interface StaleReturn {
  unit: UnitNode;
  periodKey: string;
  returnedAt: Date;
  /** Whole days since it was returned. */
  days: number;
  reason: string;
}

/** The review side of one form in a digest. */
export interface FormReview {
  form: Form;
  periods: PeriodReview[];
  /** Returned reports of any period of the form waiting too long, the longest-waiting first. */
  staleReturns: StaleReturn[];
}

/** What the review summary is computed from. */
export interface ReviewInput {
  /** Forms in the order the digest lists them. */
  forms: readonly Form[];
  windows: ReadonlyMap<string, readonly PeriodWindow[]>;
  /** Review states of the digest periods' reports, by form id. */
  states: ReadonlyMap<string, readonly ReviewStatusRow[]>;
  /** Every returned report (any period) of the scope's units. */
  returned: readonly ReturnedReportRow[];
  scope: readonly UnitNode[];
  now: Date;
}

/** A reason cut to a chat line's length at a word, with "…"; line breaks and runs of spaces folded. */
export function shortReason(reason: string, max = SHORT_REASON_LENGTH): string {
  const flat = reason.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Whether a returned report has waited more than `STALE_RETURN_DAYS` at `now`. */
export function isStaleReturn(returnedAt: Date, now: Date): boolean {
  return now.getTime() - returnedAt.getTime() > STALE_RETURN_DAYS * DAY_MS;
}

/** The review summary of a digest, limited to the scope's reporting units (those completeness counts). */
export function reviewSummary(input: ReviewInput): FormReview[] {
  const units = new Map(input.scope.filter(isReportingUnit).map((unit) => [unit.id, unit]));
  return input.forms.map((form) => {
    const rows = input.states.get(form.id) ?? [];
    const periods = (input.windows.get(form.id) ?? []).map((window) => {
      const counts: ReviewCounts = { new: 0, accepted: 0, returned: 0 };
      for (const row of rows) if (row.periodKey === window.key && units.has(row.unitId)) counts[row.state] += 1;
      return { window, counts };
    });
    const staleReturns: StaleReturn[] = [];
    for (const row of input.returned) {
      const unit = units.get(row.unitId);
      if (row.formId !== form.id || !unit || !row.returnedAt || !isStaleReturn(row.returnedAt, input.now)) continue;
      const days = Math.floor((input.now.getTime() - row.returnedAt.getTime()) / DAY_MS);
      staleReturns.push({ unit, periodKey: row.periodKey, returnedAt: row.returnedAt, days, reason: row.reason ?? '' });
    }
    staleReturns.sort((a, b) => a.returnedAt.getTime() - b.returnedAt.getTime() || byName(a.unit, b.unit) || a.periodKey.localeCompare(b.periodKey));
    return { form, periods, staleReturns };
  });
}
