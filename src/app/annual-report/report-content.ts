/**
 * The compiled report's content as plain data: what the Department of Home Affairs writes for the
 * leadership each year (and at the 2025 and 2030 reviews), computed from stored reports with the
 * digest's own code: completeness per period, `indicatorSummaries` for the indicators (the very
 * figures `indicators --json` prints for the same scope and instant), `rollupIndicator` for each
 * unit's row. The document and workbook writers only lay this out.
 */
import { DateTime } from 'luxon';
import {
  isReportingUnit,
  rollupIndicator,
  scopeRoots,
  type FiledStatus,
  type IndicatorSummary,
  type UnitNode,
} from '../../domain/digest/index.ts';
import { yearFraction, type Form, type IndicatorStatus } from '../../domain/index.ts';
import type { UnitBelowTarget } from '../../domain/index.ts';
import { indicatorSummaries, loadIndicatorInputs, unitFilter, type ReportDeps, type Scope } from '../digest/digest-builder.ts';
import { scopeName } from '../digest/digest-reply.ts';
import { programmeProgress, WEEKLY_FORM_ID, type ProgrammeProgress } from './programme-progress.ts';
import { reportYears, yearInstant, type ReportPeriod } from './report-period.ts';
import { formReporting, neverReported, spanWindows, type FormReporting } from './reporting-rates.ts';

/** Forms are listed from the most frequent report to the least, as in the digest. */
const PERIOD_ORDER: readonly Form['period'][] = ['weekly', 'monthly', 'quarterly', 'yearly'];

/** Every indicator's summary for one year of the span, taken at that year's end (or the report's instant). */
export interface IndicatorYear {
  year: number;
  at: Date;
  summaries: IndicatorSummary[];
}

/** A unit's own figures for an indicator; `excluded` when it has no usable report (not counted in the total). */
export interface UnitIndicatorRow {
  unit: UnitNode;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  status: IndicatorStatus | 'excluded';
}

/** One indicator in the report's last year, with its table by unit. */
export interface IndicatorDetail {
  summary: IndicatorSummary;
  units: UnitIndicatorRow[];
  /** The units below target, named (the digest's rule). */
  belowTarget: Array<UnitBelowTarget & { unit: UnitNode }>;
}

/** Everything the compiled report says. */
export interface ReportContent {
  period: ReportPeriod;
  timeZone: string;
  /** The scope's name ("Uỷ ban nhân dân tỉnh", or "Sở Y tế"). */
  scopeName: string;
  reportingUnits: number;
  reporting: FormReporting[];
  neverReported: UnitNode[];
  /** One entry per year of the span, oldest first. */
  indicatorYears: IndicatorYear[];
  /** The last year's indicators with their unit tables. */
  indicators: IndicatorDetail[];
  /** Null when no weekly form is configured. */
  programmes: ProgrammeProgress | null;
}

/** Each reporting unit's row of one indicator, by the same rollup the scope's total comes from. */
function unitRows(summary: IndicatorSummary, inputs: Awaited<ReturnType<typeof loadIndicatorInputs>>, units: ReadonlyMap<string, UnitNode>, at: Date, timeZone: string): UnitIndicatorRow[] {
  const currentYear = DateTime.fromJSDate(at, { zone: timeZone }).year;
  const fraction = yearFraction(at, timeZone);
  const rows: UnitIndicatorRow[] = [];
  for (const input of inputs.units) {
    const unit = units.get(input.unitCode);
    if (!unit || !isReportingUnit(unit)) continue;
    const { result } = rollupIndicator(summary.def, { units: [input] }, { year: summary.latest.year, currentYear, yearFraction: fraction });
    const excluded = result.unitsExcluded.length > 0;
    rows.push({
      unit,
      numerator: excluded ? null : result.numerator,
      denominator: excluded ? null : result.denominator,
      value: result.value,
      status: excluded ? 'excluded' : result.status,
    });
  }
  return rows;
}

/** Gathers the report of a scope over a period through the report-data port. */
export async function buildReportContent(deps: ReportDeps, scope: Scope, period: ReportPeriod): Promise<ReportContent> {
  const { timeZone } = deps;
  const forms = [...deps.forms()].sort((a, b) => PERIOD_ORDER.indexOf(a.period) - PERIOD_ORDER.indexOf(b.period));
  const filter = unitFilter(scope);
  const years = reportYears(period);
  const units = scope.units;
  const allStatuses: FiledStatus[] = [];
  const reporting: FormReporting[] = [];
  for (const form of forms) {
    const windows = spanWindows(form, years, timeZone);
    const statuses = await deps.source.filed(form.id, windows.map((w) => w.key), filter);
    allStatuses.push(...statuses);
    reporting.push(formReporting(form, windows, units, statuses, period.at));
  }

  const indicatorYears: IndicatorYear[] = [];
  for (const year of years) {
    const at = yearInstant(period, year, timeZone);
    indicatorYears.push({ year, at, summaries: await indicatorSummaries(deps, scope, at) });
  }
  const last = indicatorYears[indicatorYears.length - 1] as IndicatorYear;
  const inputs = await loadIndicatorInputs(deps, scope, last.at, true);
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  const indicators = last.summaries.map((summary) => ({
    summary,
    units: unitRows(summary, inputs, byCode, last.at, timeZone),
    belowTarget: summary.belowTarget.flatMap((row) => {
      const unit = byCode.get(row.unitCode);
      return unit ? [{ ...row, unit }] : [];
    }),
  }));

  const weekly = forms.find((form) => form.id === WEEKLY_FORM_ID);
  let programmes: ProgrammeProgress | null = null;
  if (weekly) {
    const keys = spanWindows(weekly, years, timeZone).filter((w) => w.opensAt.getTime() <= period.at.getTime()).map((w) => w.key);
    const rows = await deps.source.answers(weekly.id, keys, filter);
    programmes = programmeProgress(weekly, rows, units);
  }

  return {
    period,
    timeZone,
    scopeName: scopeName({ roots: scopeRoots(scope.tree, units) }),
    reportingUnits: units.filter(isReportingUnit).length,
    reporting,
    neverReported: neverReported(units, allStatuses),
    indicatorYears,
    indicators,
    programmes,
  };
}
