/**
 * Reads simple numeric bounds out of a constraint (`. >= 0 and . <= 500`) so prompts can say
 * "from 0 to 500" and range errors can name the limits. Anything not of that simple shape
 * (other answers, `or`, functions) is ignored: the constraint itself stays the rule.
 */
import type { Expr } from '../expressions/ast.ts';
import type { Question } from './form-types.ts';

/** Inclusive bounds known from the constraint; absent when not simply stated. */
export interface QuestionBounds {
  min?: number;
  max?: number;
}

const FLIP = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

function numberOf(expr: Expr): number | undefined {
  if (expr.kind === 'number') return expr.value;
  if (expr.kind === 'negate' && expr.operand.kind === 'number') return -expr.operand.value;
  return undefined;
}

/** Bounds of a numeric question; for integers `. > 0` becomes min 1, for decimals strict bounds are omitted. */
export function questionBounds(question: Question): QuestionBounds {
  const bounds: QuestionBounds = {};
  if (!question.constraint || (question.type !== 'integer' && question.type !== 'decimal')) return bounds;
  const integer = question.type === 'integer';
  const visit = (expr: Expr): void => {
    if (expr.kind !== 'binary') return;
    if (expr.op === 'and') {
      visit(expr.left);
      visit(expr.right);
      return;
    }
    if (!(expr.op in FLIP)) return;
    let op = expr.op as keyof typeof FLIP;
    let value: number | undefined;
    if (expr.left.kind === 'current') value = numberOf(expr.right);
    else if (expr.right.kind === 'current') {
      value = numberOf(expr.left);
      op = FLIP[op];
    }
    if (value === undefined) return;
    if (op === '>=' || (op === '>' && integer)) {
      const min = op === '>' ? Math.floor(value) + 1 : integer ? Math.ceil(value) : value;
      bounds.min = bounds.min === undefined ? min : Math.max(bounds.min, min);
    } else if (op === '<=' || (op === '<' && integer)) {
      const max = op === '<' ? Math.ceil(value) - 1 : integer ? Math.floor(value) : value;
      bounds.max = bounds.max === undefined ? max : Math.min(bounds.max, max);
    }
  };
  visit(question.constraint.ast);
  return bounds;
}
