/**
 * Which forms' answers, for which years, the indicators of a digest can read, so storage loads
 * those periods only (a weekly status report feeds no indicator and is never loaded for them).
 */
import type { Form, IndicatorDef, PeriodType } from '../forms/form-types.ts';
import { formatPeriodKey, isoWeeksInYear } from '../periods/period-key.ts';

/** The years of one form's periods to load. */
export interface FormYears {
  formId: string;
  years: number[];
}

/** Every period key of one type in a year (ISO weeks for weekly forms). */
export function periodKeysOfYear(type: PeriodType, year: number): string[] {
  const count = type === 'weekly' ? isoWeeksInYear(year) : type === 'monthly' ? 12 : type === 'quarterly' ? 4 : 1;
  return Array.from({ length: count }, (_, i) => formatPeriodKey({ type, year, index: i + 1 }));
}

/**
 * The latest value is this year's or, without data, last year's; its "previous" is the year before
 * for yearly indicators and the same year otherwise. A side reading the previous year shifts by one.
 * Indicators fed by frequent reports (months of admissions: many rows) look at last year only
 * `withFallback`, i.e. once this year turned out to have no data; yearly ones always do (few rows).
 */
export function indicatorYears(defs: readonly IndicatorDef[], forms: readonly Form[], currentYear: number, withFallback = true): FormYears[] {
  const wanted = new Map<string, Set<number>>();
  for (const def of defs) {
    const numeratorForm = forms.find((form) => form.id === def.numerator.formId);
    const yearly = !numeratorForm || numeratorForm.period === 'yearly';
    const years = yearly || withFallback ? [currentYear, currentYear - 1] : [currentYear];
    if (yearly) years.push(currentYear - 2);
    for (const side of [def.numerator, def.denominator]) {
      const set = wanted.get(side.formId) ?? new Set<number>();
      for (const year of years) set.add(side.year === 'previous' ? year - 1 : year);
      wanted.set(side.formId, set);
    }
  }
  return [...wanted].map(([formId, years]) => ({ formId, years: [...years].sort((a, b) => a - b) }));
}
