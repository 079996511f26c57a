/**
 * Recursive-descent parser for form expressions. Precedence, loosest first, as in XPath:
 * `or`, `and`, `= !=`, `< <= > >=`, `+ -`, `* div mod`, unary `-`. Function calls:
 * `name(arg, ...)`; `not(x)` is a function, as in XLSForm.
 */
import type { BinaryOperator, Expr } from './ast.ts';
import { ExpressionSyntaxError, tokenize } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

const LEVELS: ReadonlyArray<ReadonlyArray<BinaryOperator>> = [
  ['or'],
  ['and'],
  ['=', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', 'div', 'mod'],
];

/** Parses expression text into a tree; throws ExpressionSyntaxError with the position of the problem. */
export function parseExpression(source: string): Expr {
  const tokens = tokenize(source);
  let index = 0;
  const peek = (): Token => tokens[index] ?? tokens[tokens.length - 1]!;
  const fail = (token: Token): never => {
    throw new ExpressionSyntaxError(token.position, token.kind === 'end' ? '' : token.text);
  };
  const isOperator = (token: Token, ops: ReadonlyArray<BinaryOperator>): BinaryOperator | undefined => {
    if (token.kind !== 'symbol' && token.kind !== 'word') return undefined;
    return ops.find((op) => op === token.text);
  };
  const expectSymbol = (text: string): void => {
    const token = peek();
    if (token.kind !== 'symbol' || token.text !== text) fail(token);
    index += 1;
  };

  const parseLevel = (level: number): Expr => {
    const ops = LEVELS[level];
    if (!ops) return parseUnary();
    let left = parseLevel(level + 1);
    for (;;) {
      const op = isOperator(peek(), ops);
      if (!op) return left;
      index += 1;
      const right = parseLevel(level + 1);
      left = { kind: 'binary', op, left, right };
    }
  };

  const parseUnary = (): Expr => {
    const token = peek();
    if (token.kind === 'symbol' && token.text === '-') {
      index += 1;
      return { kind: 'negate', operand: parseUnary() };
    }
    return parsePrimary();
  };

  const parsePrimary = (): Expr => {
    const token = peek();
    index += 1;
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: token.value };
      case 'string':
        return { kind: 'string', value: token.value };
      case 'ref':
        return { kind: 'ref', name: token.name, position: token.position };
      case 'symbol':
        if (token.text === '.') return { kind: 'current' };
        if (token.text === '(') {
          const inner = parseLevel(0);
          expectSymbol(')');
          return inner;
        }
        return fail(token);
      case 'word': {
        const next = peek();
        if (next.kind !== 'symbol' || next.text !== '(') return fail(token);
        index += 1;
        const args: Expr[] = [];
        const close = peek();
        if (close.kind === 'symbol' && close.text === ')') {
          index += 1;
        } else {
          for (;;) {
            args.push(parseLevel(0));
            const sep = peek();
            index += 1;
            if (sep.kind === 'symbol' && sep.text === ')') break;
            if (sep.kind !== 'symbol' || sep.text !== ',') fail(sep);
          }
        }
        return { kind: 'call', name: token.text, args, position: token.position };
      }
      default:
        return fail(token);
    }
  };

  const tree = parseLevel(0);
  if (peek().kind !== 'end') fail(peek());
  return tree;
}
