/**
 * One unit's numerator and denominator for an indicator. A side sums its expression over the
 * unit's periods of the right year (e.g. every month so far for admissions). A period whose
 * answers leave a referenced question unanswered or irrelevant is skipped; a unit with no
 * usable period on either side is excluded entirely: it adds neither numerator nor denominator.
 */
import { isUnanswered } from '../answers/answer-value.ts';
import { evaluateNumber } from '../expressions/evaluator.ts';
import type { Form, IndicatorDef, IndicatorSide } from '../forms/form-types.ts';
import { pruneIrrelevant } from '../forms/relevance.ts';
import { parsePeriodKey } from '../periods/period-key.ts';
import type { UnitInput } from './indicator-types.ts';

/** A unit's contribution, or null when it must be left out. */
export interface UnitValues {
  numerator: number;
  denominator: number;
}

function sideValue(side: IndicatorSide, unit: UnitInput, year: number, forms: ReadonlyMap<string, Form>): number | null {
  const wantedYear = side.year === 'previous' ? year - 1 : year;
  const form = forms.get(side.formId);
  let total = 0;
  let usable = 0;
  for (const entry of unit.answersByForm[side.formId] ?? []) {
    const key = parsePeriodKey(entry.periodKey);
    if (!key.ok || key.key.year !== wantedYear) continue;
    const answers = form ? pruneIrrelevant(form, entry.answers) : entry.answers;
    if (side.expression.references.some((name) => isUnanswered(answers[name]))) continue;
    const value = evaluateNumber(side.expression.ast, { answers });
    if (!Number.isFinite(value)) continue;
    total += value;
    usable += 1;
  }
  return usable > 0 ? total : null;
}

/** The unit's numerator and denominator for the indicator's year, or null to exclude the unit. */
export function unitValues(
  def: IndicatorDef,
  unit: UnitInput,
  year: number,
  forms: ReadonlyMap<string, Form> = new Map(),
): UnitValues | null {
  const numerator = sideValue(def.numerator, unit, year, forms);
  const denominator = sideValue(def.denominator, unit, year, forms);
  if (numerator === null || denominator === null) return null;
  return { numerator, denominator };
}
