/**
 * An indicator over time, for the dashboard's charts: yearly indicators year by year (the years the
 * digest reads), year-to-date indicators period by period through the latest reported one (the value
 * "up to that month"). Every point is the digest's own rollup with a cutoff, never a second formula.
 */
import { DateTime } from 'luxon';
import type { Form, IndicatorDef } from '../forms/form-types.ts';
import type { IndicatorStatus } from '../indicators/indicator-types.ts';
import { yearFraction } from '../indicators/pace.ts';
import { nextPeriodKey, DEFAULT_TIME_ZONE } from '../periods/period-range.ts';
import type { IndicatorInputs } from './indicator-inputs.ts';
import { rollupIndicator } from './indicator-rollup.ts';
import { latestPeriodIn } from './indicator-summary.ts';
import { periodKeysOfYear } from './indicator-years.ts';

/** One point of an indicator's history: "2025" or "2026-10" (the value through that period). */
export interface TrendPoint {
  periodKey: string;
  numerator: number;
  denominator: number;
  /** null when nothing was reported (no data, not 0 %). */
  value: number | null;
  status: IndicatorStatus;
}

/** An indicator's points, oldest first, with the period type they are keyed by. */
export interface IndicatorTrend {
  def: IndicatorDef;
  periodType: Form['period'];
  points: TrendPoint[];
}

/** How many years back a yearly indicator is drawn (the years the digest loads). */
export const TREND_YEARS = 3;

/** The trend of one indicator over prepared inputs, as seen at `at`. */
export function indicatorTrend(def: IndicatorDef, inputs: IndicatorInputs, options: { at: Date; tz?: string; forms: readonly Form[] }): IndicatorTrend {
  const tz = options.tz ?? DEFAULT_TIME_ZONE;
  const currentYear = DateTime.fromJSDate(options.at, { zone: tz }).year;
  const fraction = yearFraction(options.at, tz);
  const form = options.forms.find((f) => f.id === def.numerator.formId);
  const point = (periodKey: string, year: number, before?: string): TrendPoint => {
    const { result } = rollupIndicator(def, inputs, { year, currentYear, yearFraction: fraction, ...(before ? { cutoff: { formId: def.numerator.formId, before } } : {}) });
    return { periodKey, numerator: result.numerator, denominator: result.denominator, value: result.value, status: result.status };
  };
  if (!form || form.period === 'yearly') {
    const points: TrendPoint[] = [];
    for (let year = currentYear - TREND_YEARS + 1; year <= currentYear; year += 1) points.push(point(String(year), year));
    // Leading years without data say nothing; the current year without data yet is shown as a gap.
    while (points.length > 1 && points[0]?.value === null) points.shift();
    return { def, periodType: 'yearly', points };
  }
  let year = currentYear;
  let through = latestPeriodIn(inputs, def.numerator.formId, year);
  if (through === null) {
    year = currentYear - 1;
    through = latestPeriodIn(inputs, def.numerator.formId, year);
  }
  if (through === null) return { def, periodType: form.period, points: [] };
  const points = periodKeysOfYear(form.period, year)
    .filter((key) => key <= (through as string))
    .map((key) => point(key, year, nextPeriodKey(key)));
  return { def, periodType: form.period, points };
}
