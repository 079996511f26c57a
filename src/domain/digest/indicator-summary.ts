/**
 * One indicator as the digest shows it: its latest value (this year, or last year when this
 * year has no data yet, e.g. ratings before the year's reports are in), the value one period
 * earlier and the change, the pace of year-to-date indicators, and the units below target.
 */
import { DateTime } from 'luxon';
import type { Form, IndicatorDef } from '../forms/form-types.ts';
import type { IndicatorResult, UnitInput } from '../indicators/indicator-types.ts';
import { yearFraction } from '../indicators/pace.ts';
import type { UnitBelowTarget } from '../indicators/units-below-target.ts';
import { DEFAULT_TIME_ZONE } from '../periods/period-range.ts';
import { prepareInputs, type IndicatorInputs } from './indicator-inputs.ts';
import { rollupIndicator } from './indicator-rollup.ts';
import type { Cutoff } from './unit-sides.ts';

/** An indicator's digest entry. */
export interface IndicatorSummary {
  def: IndicatorDef;
  latest: IndicatorResult;
  /** The latest period of the numerator's form counted in `latest` (e.g. "2026-10" for admissions so far). */
  through: string | null;
  /** The value one period earlier: last year for yearly ratings, up to the month before for admissions. */
  previous: IndicatorResult | null;
  /** latest.value − previous.value, as a ratio difference; null when either has no data. */
  change: number | null;
  belowTarget: UnitBelowTarget[];
}

/** When, in which zone, and with which forms (for relevance and period types). */
export interface SummaryOptions {
  at: Date;
  tz?: string;
  forms: readonly Form[];
}

/** The latest period key of a form among the prepared reports of a year, or null. */
export function latestPeriodIn(inputs: IndicatorInputs, formId: string, year: number): string | null {
  let latest: string | null = null;
  for (const unit of inputs.units) {
    for (const entry of unit.byForm.get(formId)?.get(year) ?? []) {
      if (latest === null || entry.periodKey > latest) latest = entry.periodKey;
    }
  }
  return latest;
}

/**
 * Summarises one indicator over a set of units: raw unit inputs, or inputs prepared once with
 * `prepareInputs` when several indicators read the same units (the digest).
 */
export function summarizeIndicator(def: IndicatorDef, units: readonly UnitInput[] | IndicatorInputs, options: SummaryOptions): IndicatorSummary {
  const tz = options.tz ?? DEFAULT_TIME_ZONE;
  const inputs = 'units' in units ? units : prepareInputs(units, options.forms);
  const currentYear = DateTime.fromJSDate(options.at, { zone: tz }).year;
  const fraction = yearFraction(options.at, tz);
  const at = (year: number, cutoff?: Cutoff) => rollupIndicator(def, inputs, { year, currentYear, yearFraction: fraction, ...(cutoff ? { cutoff } : {}) });
  let latest = at(currentYear);
  if (latest.result.status === 'no_data') {
    const lastYear = at(currentYear - 1);
    if (lastYear.result.status !== 'no_data') latest = lastYear;
  }
  const year = latest.result.year;
  const numeratorForm = options.forms.find((form) => form.id === def.numerator.formId);
  const through = latestPeriodIn(inputs, def.numerator.formId, year);
  let previous: IndicatorResult | null = null;
  if (!numeratorForm || numeratorForm.period === 'yearly') previous = at(year - 1).result;
  else if (through !== null) previous = at(year, { formId: def.numerator.formId, before: through }).result;
  const value = latest.result.value;
  return {
    def,
    latest: latest.result,
    through,
    previous,
    change: value !== null && previous?.value != null ? value - previous.value : null,
    belowTarget: value === null ? [] : latest.belowTarget,
  };
}
