/**
 * Computes a plan indicator over any set of units by summing numerators and summing
 * denominators (never by averaging percentages), then judges it against its target and,
 * for year-to-date indicators in the current year, against the pro-rated pace.
 */
import { DateTime } from 'luxon';
import type { Form, IndicatorDef } from '../forms/form-types.ts';
import { DEFAULT_TIME_ZONE } from '../periods/period-range.ts';
import type { IndicatorOptions, IndicatorPace, IndicatorResult, IndicatorStatus, UnitInput } from './indicator-types.ts';
import { computePace, yearFraction } from './pace.ts';
import { unitValues } from './unit-values.ts';

/** Whether a ratio satisfies a target under a comparator. */
export function meetsTarget(value: number, target: number, comparator: '>' | '>='): boolean {
  return comparator === '>' ? value > target : value >= target;
}

function formsById(forms: readonly Form[] | undefined): Map<string, Form> {
  return new Map((forms ?? []).map((form) => [form.id, form]));
}

/** The indicator over the given units for the options' year. */
export function computeIndicator(def: IndicatorDef, units: readonly UnitInput[], options: IndicatorOptions): IndicatorResult {
  const tz = options.tz ?? DEFAULT_TIME_ZONE;
  const currentYear = DateTime.fromJSDate(options.at, { zone: tz }).year;
  const year = options.year ?? currentYear;
  const forms = formsById(options.forms);
  let numerator = 0;
  let denominator = 0;
  const counted: string[] = [];
  const excluded: string[] = [];
  for (const unit of units) {
    const values = unitValues(def, unit, year, forms);
    if (!values) {
      excluded.push(unit.unitCode);
      continue;
    }
    numerator += values.numerator;
    denominator += values.denominator;
    counted.push(unit.unitCode);
  }
  const value = denominator > 0 ? numerator / denominator : null;
  let pace: IndicatorPace | null = null;
  if (def.ytd && value !== null && year === currentYear) {
    pace = computePace(numerator, denominator, def.target, yearFraction(options.at, tz));
  }
  let status: IndicatorStatus;
  if (value === null) status = 'no_data';
  else if (meetsTarget(value, def.target, def.comparator)) status = 'met';
  else if (pace && numerator >= pace.expectedByNow) status = 'on_pace';
  else status = 'behind';
  return {
    id: def.id,
    year,
    horizon: def.horizons.find((h) => h >= year) ?? null,
    numerator,
    denominator,
    value,
    target: def.target,
    comparator: def.comparator,
    status,
    pace,
    unitsCounted: counted.sort(),
    unitsExcluded: excluded.sort(),
  };
}
