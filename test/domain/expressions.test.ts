import { describe, expect, it } from 'vitest';
import { evaluate, evaluateBoolean, evaluateNumber } from '../../src/domain/expressions/evaluator.ts';
import { parseExpression } from '../../src/domain/expressions/parser.ts';
import { collectReferences } from '../../src/domain/expressions/references.ts';
import { ExpressionSyntaxError } from '../../src/domain/expressions/tokenizer.ts';

const answers = {
  a: 3,
  b: 4,
  zero: 0,
  name: 'Nguyễn',
  status: 'blocked',
  topics: ['training', 'discipline'],
  empty: null,
  date: '2026-11-27',
};

function run(source: string, current?: unknown): unknown {
  return evaluate(parseExpression(source), { answers, current });
}

describe('expression parsing and evaluation', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 div 4', 2.5],
    ['10 mod 4', 2],
    ['-${a} + 1', -2],
    ['${a} - -1', 4],
    ['${a} + ${b}', 7],
    ['${a} * ${b} div 2', 6],
    ['. + 1', 11],
    ["'chi bộ'", 'chi bộ'],
    ['"đảng viên"', 'đảng viên'],
    ['1 < 2 and 2 < 3', true],
    ['1 > 2 or 2 > 3', false],
    ['1 = 1 and 1 != 2', true],
    ['3 >= 3 and 3 <= 3', true],
    ['not(1 = 2)', true],
    ["${status} = 'blocked'", true],
    ["${status} != 'blocked'", false],
    ["selected(${topics}, 'training')", true],
    ["selected(${topics}, 'admission')", false],
    ['count-selected(${topics})', 2],
    ['string-length(${name})', 6],
    ['string-length(.)', 4],
    ['if(${a} > 2, 10, 20)', 10],
    ['coalesce(${empty}, 7)', 7],
    ['coalesce(${a}, 7)', 3],
    ['true() and not(false())', true],
    ["${date} < '2026-12-01'", true],
    ["'3' = 3", true],
    ['. >= 0 and . <= 500', true],
  ])('%s → %j', (source, expected) => {
    const current = source.includes('string-length(.)') ? 'abcd' : 10;
    expect(run(source, current)).toEqual(expected);
  });

  it('precedence: and binds tighter than or', () => {
    expect(run('1 = 1 or 1 = 2 and 1 = 2')).toBe(true);
  });

  it('left-associates subtraction and division', () => {
    expect(run('10 - 3 - 2')).toBe(5);
    expect(run('16 div 4 div 2')).toBe(2);
  });
});

describe('empty values behave like XLSForm', () => {
  it('an unanswered value is NaN in arithmetic', () => {
    expect(evaluateNumber(parseExpression('${empty} + 1'), { answers })).toBeNaN();
    expect(evaluateNumber(parseExpression('${missing} * 2'), { answers })).toBeNaN();
  });

  it('relational comparisons with an empty value are false both ways', () => {
    expect(run('${empty} > 0')).toBe(false);
    expect(run('${empty} <= 0')).toBe(false);
    expect(run('0 < ${missing}')).toBe(false);
  });

  it("an empty value equals '' but never a number", () => {
    expect(run("${empty} = ''")).toBe(true);
    expect(run('${empty} = 0')).toBe(false);
    expect(run('${empty} != 0')).toBe(true);
    expect(run("${a} = ''")).toBe(false);
  });

  it('an empty value is false as a condition, as is zero', () => {
    expect(evaluateBoolean(parseExpression('${empty}'), { answers })).toBe(false);
    expect(evaluateBoolean(parseExpression('${zero}'), { answers })).toBe(false);
    expect(evaluateBoolean(parseExpression('${a}'), { answers })).toBe(true);
  });

  it('selected() on an unanswered multiple choice is false', () => {
    expect(run("selected(${empty}, 'x')")).toBe(false);
    expect(run('count-selected(${empty})')).toBe(0);
  });

  it('selected() also reads a space-separated string', () => {
    expect(evaluate(parseExpression("selected(${t}, 'b')"), { answers: { t: 'a b c' } })).toBe(true);
  });
});

describe('expression syntax errors carry a position', () => {
  it.each([
    ['1 +', 3],
    ['(1 + 2', 6],
    ['${a} ${b}', 5],
    ['${a', 0],
    ["'unterminated", 0],
    ['1 # 2', 2],
    ['foo', 0],
    ['1 = = 2', 4],
    ['selected(${a}, )', 15],
    ['', 0],
  ])('%j fails at %d', (source, position) => {
    let error: unknown;
    try {
      parseExpression(source);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExpressionSyntaxError);
    expect((error as ExpressionSyntaxError).position).toBe(position);
  });
});

describe('references', () => {
  it('lists each referenced answer once, in order', () => {
    expect(collectReferences(parseExpression('${b} + ${a} + ${b} + .'))).toEqual(['b', 'a']);
  });

  it('parses hyphenated function names without confusing them with subtraction', () => {
    expect(parseExpression('count-selected(${x})')).toMatchObject({ kind: 'call', name: 'count-selected' });
    expect(run('${a}-1')).toBe(2);
  });
});
