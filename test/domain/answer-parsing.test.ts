import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../src/domain/answers/parse-answer.ts';
import type { AnswerValue, Answers } from '../../src/domain/answers/answer-value.ts';
import { sampleForm } from './form-fixtures.ts';

const form = sampleForm();

type Row = [question: string, input: string, expected: AnswerValue | { error: string; params?: Record<string, unknown> }];

const rows: Row[] = [
  // integers
  ['count', '12', 12],
  ['count', '  12  ', 12],
  ['count', '+5', 5],
  ['count', '0', 0],
  ['count', '１２', 12],
  ['count', '12 người', 12],
  ['count', '12người', 12],
  ['count', '12.', 12],
  ['count', '1.234', { error: 'answers.out_of_range', params: { min: 0, max: 500 } }],
  ['part', '1', 1],
  ['count', '1.5', { error: 'answers.not_integer', params: { example: '12' } }],
  ['count', '1,5', { error: 'answers.not_integer' }],
  ['count', 'abc', { error: 'answers.not_integer' }],
  ['count', '1..2', { error: 'answers.not_integer' }],
  ['count', '12a3', { error: 'answers.not_integer' }],
  ['count', '', { error: 'answers.empty' }],
  ['count', '   ', { error: 'answers.empty' }],
  ['count', '-5', { error: 'answers.out_of_range', params: { min: 0, max: 500 } }],
  ['count', '501', { error: 'answers.out_of_range' }],
  ['count', 'bỏ qua', { error: 'answers.required' }],
  // decimals
  ['ratio', '1,5', 1.5],
  ['ratio', '1.5', 1.5],
  ['ratio', '1.234,5', 1234.5],
  ['ratio', '1,234.5', 1234.5],
  ['ratio', '1 234,5', 1234.5],
  ['ratio', '1.234.567', 1234567],
  ['ratio', '12%', 12],
  ['ratio', '12,5 %', 12.5],
  ['ratio', '０,５', 0.5],
  ['ratio', '-2,5', -2.5],
  ['ratio', '7', 7],
  ['ratio', '1,2,3', { error: 'answers.not_decimal' }],
  ['ratio', '1.2.3', { error: 'answers.not_decimal' }],
  ['ratio', '1,23.4', { error: 'answers.not_decimal' }],
  ['ratio', 'mười', { error: 'answers.not_decimal' }],
  ['ratio', '1..5', { error: 'answers.not_decimal' }],
  // text
  ['note_text', '  Đã họp chi bộ  ', 'Đã họp chi bộ'],
  ['note_text', 'x'.repeat(1001), { error: 'answers.too_long', params: { max: 1000 } }],
  ['note_text', '', { error: 'answers.empty' }],
  ['optional_text', '', null],
  ['optional_text', 'bỏ qua', null],
  ['optional_text', 'Bo qua', null],
  ['optional_text', 'skip', null],
  ['optional_text', '-', null],
  // dates
  ['held_on', '27/11/2026', '2026-11-27'],
  ['held_on', '7/3/2026', '2026-03-07'],
  ['held_on', '27-11-2026', '2026-11-27'],
  ['held_on', '27.11.2026', '2026-11-27'],
  ['held_on', '27/11/26', '2026-11-27'],
  ['held_on', '2026-11-27', '2026-11-27'],
  ['held_on', '29/02/2028', '2028-02-29'],
  ['held_on', '31/02/2026', { error: 'answers.impossible_date', params: { date: '31/02/2026' } }],
  ['held_on', '29/02/2026', { error: 'answers.impossible_date' }],
  ['held_on', '32/1/2026', { error: 'answers.impossible_date' }],
  ['held_on', 'hôm qua', { error: 'answers.not_a_date', params: { example: '27/11/2026' } }],
  ['held_on', '27/11', { error: 'answers.not_a_date' }],
  ['held_on', '27/11-2026', { error: 'answers.not_a_date' }],
  // select_one by number, label, name
  ['progress', '1', 'on_track'],
  ['progress', '3', 'blocked'],
  ['progress', 'Chậm', 'behind'],
  ['progress', 'cham', 'behind'],
  ['progress', '  VƯỚNG   MẮC ', 'blocked'],
  ['progress', 'vuong mac', 'blocked'],
  ['progress', 'dung tien do', 'on_track'],
  ['progress', 'On track', 'on_track'],
  ['progress', 'behind', 'behind'],
  ['progress', '4', { error: 'answers.unknown_choice', params: { value: '4', max: 3 } }],
  ['progress', '0', { error: 'answers.unknown_choice' }],
  ['progress', 'nhanh', { error: 'answers.unknown_choice', params: { max: 3 } }],
  // yes / no
  ['agreed', 'có', 'yes'],
  ['agreed', 'Co', 'yes'],
  ['agreed', 'c', 'yes'],
  ['agreed', 'YES', 'yes'],
  ['agreed', 'y', 'yes'],
  ['agreed', 'Đúng', 'yes'],
  ['agreed', '1', 'yes'],
  ['agreed', 'không', 'no'],
  ['agreed', 'KHONG', 'no'],
  ['agreed', 'ko', 'no'],
  ['agreed', 'k', 'no'],
  ['agreed', 'no', 'no'],
  ['agreed', 'n', 'no'],
  ['agreed', 'sai', 'no'],
  ['agreed', '2', 'no'],
  ['agreed', 'Không.', 'no'],
  ['agreed', 'có lẽ', { error: 'answers.not_yes_no' }],
  // select_multiple
  ['topics', '1, 3', ['training', 'discipline']],
  ['topics', '1 3', ['training', 'discipline']],
  ['topics', '1;3', ['training', 'discipline']],
  ['topics', '3,1,3', ['training', 'discipline']],
  ['topics', 'kiểm tra, kỷ luật đảng', ['inspection', 'discipline']],
  ['topics', 'Kiem tra; dao tao', ['training', 'inspection']],
  ['topics', '2, Kết nạp đảng viên', ['inspection', 'admission']],
  ['topics', '1, 7', { error: 'answers.unknown_choice', params: { value: '7', max: 4 } }],
  ['topics', 'họp', { error: 'answers.unknown_choice', params: { max: 4 } }],
  ['topics', ',;', { error: 'answers.empty' }],
];

function describeExpected(expected: Row[2]): string {
  return JSON.stringify(expected);
}

describe('parseAnswer reads answers as people type them', () => {
  it('covers at least 60 cases', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
  });

  it.each(rows.map((row) => [row[0], row[1].length > 30 ? `${row[1].slice(0, 10)}… (${row[1].length} chars)` : row[1], row] as const))(
    '%s ← %j',
    (_question, _shown, [question, input, expected]) => {
      const result = parseAnswer(form, question, input, { count: 100 });
      if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
        expect(result.ok, describeExpected(expected)).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe(expected.error);
          if (expected.params) expect(result.error.params).toMatchObject(expected.params);
        }
      } else {
        expect(result).toEqual({ ok: true, value: expected });
      }
    },
  );
});

describe('parseAnswer checks constraints against the other answers', () => {
  const answers: Answers = { count: 10 };

  it('accepts a part up to the total', () => {
    expect(parseAnswer(form, 'part', '10', answers)).toEqual({ ok: true, value: 10 });
  });

  it('rejects a part above the total with the form message in Vietnamese', () => {
    expect(parseAnswer(form, 'part', '11', answers)).toEqual({
      ok: false,
      error: { code: 'answers.constraint_message', params: { message: 'Không được lớn hơn tổng số.' } },
    });
  });

  it('gives the form message in English when asked', () => {
    const result = parseAnswer(form, 'part', '11', answers, { locale: 'en' });
    expect(!result.ok && result.error.params.message).toBe('Cannot exceed the total.');
  });

  it('fails the constraint when the referenced answer is missing (empty compares false)', () => {
    const result = parseAnswer(form, 'part', '1', {});
    expect(result.ok).toBe(false);
  });

  it('accepts a question given as an object', () => {
    const question = form.questions.find((q) => q.name === 'count')!;
    expect(parseAnswer(form, question, '1.234 ')).toMatchObject({ ok: false, error: { code: 'answers.out_of_range' } });
  });

  it('throws for a question the form does not have (a programming error)', () => {
    expect(() => parseAnswer(form, 'nope', '1')).toThrow(/nope/);
  });
});

describe('integer thousands separators', () => {
  it.each([
    ['1.234', 1234],
    ['1,234', 1234],
    ['1 234', 1234],
    ['12.345.678', 12345678],
    ['1,234,567', 1234567],
  ])('reads %s as %d when the bounds allow it', (input, expected) => {
    const wide = sampleForm();
    const question = { ...wide.questions[0]!, constraint: undefined };
    delete question.constraint;
    expect(parseAnswer(wide, question, input)).toEqual({ ok: true, value: expected });
  });

  it.each(['1.23', '1,2345', '1.234,5', '12 34'])('rejects %s as not an integer', (input) => {
    const question = { ...form.questions[0]! };
    delete question.constraint;
    expect(parseAnswer(form, question, input)).toMatchObject({ ok: false, error: { code: 'answers.not_integer' } });
  });
});
