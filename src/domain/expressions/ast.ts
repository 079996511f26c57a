/**
 * The syntax tree of a form expression (a documented subset of XLSForm/XPath).
 * Kept as plain data so forms can be compiled once and evaluated many times.
 */

/** Binary operators, in XLSForm spelling (`div` and `mod` are words, as in XPath). */
export type BinaryOperator =
  | 'or'
  | 'and'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | 'div'
  | 'mod';

/** One node of an expression tree. */
export type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'current' }
  | { kind: 'ref'; name: string; position: number }
  | { kind: 'negate'; operand: Expr }
  | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr }
  | { kind: 'call'; name: string; args: Expr[]; position: number };

/** Functions the evaluator knows, with their allowed argument counts. */
export const FUNCTION_ARITY: Readonly<Record<string, { min: number; max: number }>> = {
  'selected': { min: 2, max: 2 },
  'count-selected': { min: 1, max: 1 },
  'string-length': { min: 1, max: 1 },
  'not': { min: 1, max: 1 },
  'if': { min: 3, max: 3 },
  'coalesce': { min: 2, max: 2 },
  'true': { min: 0, max: 0 },
  'false': { min: 0, max: 0 },
  'number': { min: 1, max: 1 },
};
