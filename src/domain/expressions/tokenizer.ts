/**
 * Splits an expression's text into tokens. Bare words are only operators (`and`, `or`,
 * `div`, `mod`) or function names (which may contain `-`, as in `count-selected`);
 * answers are always referenced as `${name}`.
 */

/** A lexical token with its 0-based position in the source, for error messages. */
export type Token =
  | { kind: 'number'; value: number; text: string; position: number }
  | { kind: 'string'; value: string; text: string; position: number }
  | { kind: 'ref'; name: string; text: string; position: number }
  | { kind: 'word'; text: string; position: number }
  | { kind: 'symbol'; text: string; position: number }
  | { kind: 'end'; text: string; position: number };

/** A tokenizer or parser failure: where it happened and what was found there. */
export class ExpressionSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly found: string,
  ) {
    super(`syntax error at ${position} near "${found}"`);
    this.name = 'ExpressionSyntaxError';
  }
}

const SYMBOLS = ['!=', '<=', '>=', '(', ')', ',', '+', '-', '*', '=', '<', '>', '.'];

/** Turns expression text into tokens, ending with an `end` token; throws ExpressionSyntaxError. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? '';
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '$') {
      const match = /^\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/.exec(source.slice(i));
      if (!match) throw new ExpressionSyntaxError(i, source.slice(i, i + 8));
      tokens.push({ kind: 'ref', name: match[1] ?? '', text: match[0], position: i });
      i += match[0].length;
      continue;
    }
    const numberMatch = /^(\d+(\.\d+)?|\.\d+)/.exec(source.slice(i));
    if (numberMatch) {
      tokens.push({ kind: 'number', value: Number(numberMatch[0]), text: numberMatch[0], position: i });
      i += numberMatch[0].length;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = source.indexOf(ch, i + 1);
      if (end < 0) throw new ExpressionSyntaxError(i, source.slice(i, i + 8));
      tokens.push({ kind: 'string', value: source.slice(i + 1, end), text: source.slice(i, end + 1), position: i });
      i = end + 1;
      continue;
    }
    const wordMatch = /^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z_][A-Za-z0-9_]*)*/.exec(source.slice(i));
    if (wordMatch) {
      tokens.push({ kind: 'word', text: wordMatch[0], position: i });
      i += wordMatch[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
    if (!symbol) throw new ExpressionSyntaxError(i, ch);
    tokens.push({ kind: 'symbol', text: symbol, position: i });
    i += symbol.length;
  }
  tokens.push({ kind: 'end', text: '', position: source.length });
  return tokens;
}
