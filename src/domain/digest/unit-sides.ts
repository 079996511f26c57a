/**
 * A unit's numerator and denominator for one indicator and year, read from prepared inputs: the
 * rule of `unitValues` (sum a side's expression over the year's usable reports; a report leaving a
 * referenced answer empty is skipped; no usable report on a side excludes the unit) without
 * re-parsing period keys. `cutoff` leaves out a form's reports from a period on (the value "up to
 * the previous month").
 */
import { isUnanswered } from '../answers/answer-value.ts';
import { evaluateNumber } from '../expressions/evaluator.ts';
import type { Answers } from '../answers/answer-value.ts';
import type { Expr } from '../expressions/ast.ts';
import type { IndicatorDef, IndicatorSide } from '../forms/form-types.ts';
import type { BucketedUnit } from './indicator-inputs.ts';

/** Reports of `formId` from period `before` on are ignored. */
export interface Cutoff {
  formId: string;
  before: string;
}

/**
 * Arithmetic over numeric answers without the general evaluator: an indicator side is usually
 * "${a} + ${b}". Returns undefined for anything else (a text answer, a function), which the
 * evaluator then handles; where it answers, it equals `evaluateNumber`.
 */
function arithmetic(expr: Expr, answers: Answers): number | undefined {
  switch (expr.kind) {
    case 'number':
      return expr.value;
    case 'ref': {
      const value = answers[expr.name];
      return typeof value === 'number' ? value : undefined;
    }
    case 'binary': {
      if (expr.op !== '+' && expr.op !== '-' && expr.op !== '*') return undefined;
      const left = arithmetic(expr.left, answers);
      if (left === undefined) return undefined;
      const right = arithmetic(expr.right, answers);
      if (right === undefined) return undefined;
      return expr.op === '+' ? left + right : expr.op === '-' ? left - right : left * right;
    }
    default:
      return undefined;
  }
}

/** One side's sum for the unit and year, or null when no report is usable (see `unitSides`). */
export function unitSide(side: IndicatorSide, unit: BucketedUnit, year: number, cutoff: Cutoff | undefined): number | null {
  const entries = unit.byForm.get(side.formId)?.get(side.year === 'previous' ? year - 1 : year);
  if (!entries) return null;
  const limit = cutoff && cutoff.formId === side.formId ? cutoff.before : null;
  const references = side.expression.references;
  let total = 0;
  let usable = 0;
  for (const entry of entries) {
    if (limit !== null && entry.periodKey >= limit) continue;
    let complete = true;
    for (const name of references) {
      if (isUnanswered(entry.answers[name])) {
        complete = false;
        break;
      }
    }
    if (!complete) continue;
    const value = arithmetic(side.expression.ast, entry.answers) ?? evaluateNumber(side.expression.ast, { answers: entry.answers });
    if (!Number.isFinite(value)) continue;
    total += value;
    usable += 1;
  }
  return usable > 0 ? total : null;
}

/** The unit's numerator and denominator, or null to leave it out. */
export function unitSides(def: IndicatorDef, unit: BucketedUnit, year: number, cutoff?: Cutoff): { numerator: number; denominator: number } | null {
  const numerator = unitSide(def.numerator, unit, year, cutoff);
  if (numerator === null) return null;
  const denominator = unitSide(def.denominator, unit, year, cutoff);
  if (denominator === null) return null;
  return { numerator, denominator };
}
