/**
 * Evaluates a parsed expression over a form's answers and the current value.
 *
 * Empty values follow XLSForm: an unanswered, skipped or irrelevant question reads as the
 * empty string ''. In arithmetic '' becomes NaN, so any sum involving it is NaN.
 * Comparisons:
 * - `<`, `<=`, `>`, `>=` with an empty side are always false; two non-numeric strings compare
 *   as text (so ISO dates 'YYYY-MM-DD' compare correctly); otherwise numerically.
 * - `=` and `!=`: a boolean side compares as booleans; a number side compares numerically, and a
 *   number never equals an empty value (`${x} = 0` is false when x is empty, `!=` is true);
 *   otherwise both compare as text, so `${x} = ''` tests for "unanswered".
 * A select_multiple answer is a list; as text it is its names joined by spaces, as in XLSForm.
 * A constraint or relevance passes when its value is truthy: true, a non-zero number, a non-empty string or list.
 */
import type { Expr } from './ast.ts';

/** A value an expression can produce. */
export type ExprValue = number | string | boolean | readonly string[];

/** What an expression reads: the answers by question name, and `.` (the value being checked). */
export interface EvalContext {
  answers: Readonly<Record<string, unknown>>;
  current?: unknown;
}

function fromAnswer(value: unknown): ExprValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(String);
  return String(value);
}

function isEmpty(value: ExprValue): boolean {
  return value === '' || (Array.isArray(value) && value.length === 0);
}

/** Text form of a value, as XPath's string(). */
export function toText(value: ExprValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  return value.join(' ');
}

/** Numeric form of a value, as XPath's number(): '' and non-numeric text are NaN. */
export function toNumber(value: ExprValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const text = toText(value).trim();
  if (text === '' || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return Number.NaN;
  return Number(text);
}

/** Truth of a value, as XPath's boolean(): NaN and 0 are false, '' and [] are false. */
export function toBoolean(value: ExprValue): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return value.length > 0;
}

function asList(value: ExprValue): string[] {
  if (Array.isArray(value)) return [...value];
  return toText(value as Exclude<ExprValue, readonly string[]>)
    .split(' ')
    .filter((part) => part !== '');
}

function isNumericText(value: ExprValue): boolean {
  return !Number.isNaN(toNumber(value));
}

function equals(left: ExprValue, right: ExprValue): boolean {
  if (typeof left === 'boolean' || typeof right === 'boolean') return toBoolean(left) === toBoolean(right);
  if (typeof left === 'number' || typeof right === 'number') {
    if (isEmpty(left) || isEmpty(right)) return false;
    return toNumber(left) === toNumber(right);
  }
  return toText(left) === toText(right);
}

function relate(op: '<' | '<=' | '>' | '>=', left: ExprValue, right: ExprValue): boolean {
  if (isEmpty(left) || isEmpty(right)) return false;
  let cmp: number;
  if (typeof left !== 'number' && typeof right !== 'number' && (!isNumericText(left) || !isNumericText(right))) {
    const a = toText(left);
    const b = toText(right);
    cmp = a < b ? -1 : a > b ? 1 : 0;
  } else {
    const a = toNumber(left);
    const b = toNumber(right);
    if (Number.isNaN(a) || Number.isNaN(b)) return false;
    cmp = a - b;
  }
  switch (op) {
    case '<':
      return cmp < 0;
    case '<=':
      return cmp <= 0;
    case '>':
      return cmp > 0;
    default:
      return cmp >= 0;
  }
}

/** Evaluates an expression tree; unknown functions throw (form loading refuses them first). */
export function evaluate(expr: Expr, context: EvalContext): ExprValue {
  // Plain recursion, no closure per call: indicators and relevance evaluate once per stored report.
  switch (expr.kind) {
    case 'number':
    case 'string':
      return expr.value;
    case 'current':
      return fromAnswer(context.current);
    case 'ref':
      return fromAnswer(context.answers[expr.name]);
    case 'negate':
      return -toNumber(evaluate(expr.operand, context));
    case 'binary': {
      const { op } = expr;
      if (op === 'and') return toBoolean(evaluate(expr.left, context)) && toBoolean(evaluate(expr.right, context));
      if (op === 'or') return toBoolean(evaluate(expr.left, context)) || toBoolean(evaluate(expr.right, context));
      const left = evaluate(expr.left, context);
      const right = evaluate(expr.right, context);
      switch (op) {
        case '=':
          return equals(left, right);
        case '!=':
          return !equals(left, right);
        case '<':
        case '<=':
        case '>':
        case '>=':
          return relate(op, left, right);
        case '+':
          return toNumber(left) + toNumber(right);
        case '-':
          return toNumber(left) - toNumber(right);
        case '*':
          return toNumber(left) * toNumber(right);
        case 'div':
          return toNumber(left) / toNumber(right);
        default:
          return toNumber(left) % toNumber(right);
      }
    }
    case 'call':
      return callFunction(expr.name, expr.args, context);
  }
}

/** Evaluates argument `i` of a call. */
function argument(name: string, args: Expr[], i: number, context: EvalContext): ExprValue {
  const node = args[i];
  if (!node) throw new Error(`missing argument ${i + 1} of ${name}()`);
  return evaluate(node, context);
}

function callFunction(name: string, args: Expr[], context: EvalContext): ExprValue {
  switch (name) {
    case 'selected':
      return asList(argument(name, args, 0, context)).includes(toText(argument(name, args, 1, context)));
    case 'count-selected':
      return asList(argument(name, args, 0, context)).length;
    case 'string-length':
      return Array.from(toText(argument(name, args, 0, context))).length;
    case 'not':
      return !toBoolean(argument(name, args, 0, context));
    case 'if':
      return toBoolean(argument(name, args, 0, context)) ? argument(name, args, 1, context) : argument(name, args, 2, context);
    case 'coalesce': {
      const first = argument(name, args, 0, context);
      return isEmpty(first) ? argument(name, args, 1, context) : first;
    }
    case 'true':
      return true;
    case 'false':
      return false;
    case 'number':
      return toNumber(argument(name, args, 0, context));
    default:
      throw new Error(`unknown function ${name}()`);
  }
}

/** Evaluates as a condition (relevance, constraint). */
export function evaluateBoolean(expr: Expr, context: EvalContext): boolean {
  return toBoolean(evaluate(expr, context));
}

/** Evaluates as a number (indicator numerators and denominators); NaN when an operand is empty. */
export function evaluateNumber(expr: Expr, context: EvalContext): number {
  return toNumber(evaluate(expr, context));
}
