import { describe, expect, it } from 'vitest';
import { formatAnswer } from '../../src/i18n/format-answer.ts';
import { formatNumber } from '../../src/i18n/format.ts';
import { parseAnswer } from '../../src/domain/answers/parse-answer.ts';
import type { Answers } from '../../src/domain/answers/answer-value.ts';
import { questionBounds } from '../../src/domain/forms/question-bounds.ts';
import { isRelevant, pruneIrrelevant, relevantQuestions } from '../../src/domain/forms/relevance.ts';
import { validateSubmission } from '../../src/domain/forms/submission-validation.ts';
import type { Question } from '../../src/domain/forms/form-types.ts';
import { mustLoad, baseRawForm, sampleForm, shippedForm } from './form-fixtures.ts';

const yearly = shippedForm('yearly_ratings');
const weekly = shippedForm('weekly_status');
const sample = sampleForm();

function q(name: string, form = sample): Question {
  const found = form.questions.find((x) => x.name === name);
  if (!found) throw new Error(name);
  return found;
}

const goodYearly: Answers = {
  org_htxsnv: 5, org_httnv: 40, org_htnv: 4, org_khtnv: 1, org_total: 50,
  cell_htxsnv: 20, cell_httnv: 150, cell_htnv: 25, cell_khtnv: 5, cell_total: 200,
  member_htxsnv: 300, member_httnv: 2500, member_htnv: 180, member_khtnv: 20, member_total: 3000,
  members_dec31: 3100,
  has_heads: 'yes', heads_total: 40, heads_members: 38,
};

describe('relevance (skip logic)', () => {
  it('asks the heads questions only when the unit has heads', () => {
    const names = (answers: Answers): string[] => relevantQuestions(yearly, answers).map((x) => x.name);
    expect(names({ has_heads: 'yes' })).toContain('heads_total');
    expect(names({ has_heads: 'no' })).not.toContain('heads_total');
    expect(names({})).not.toContain('heads_members');
    expect(isRelevant(yearly, 'heads_members', { has_heads: 'yes' })).toBe(true);
  });

  it('asks what is blocked only when a programme is blocked', () => {
    expect(isRelevant(weekly, 'blockers', { p1_progress: 'on_track', p2_progress: 'blocked' })).toBe(true);
    expect(isRelevant(weekly, 'blockers', { p1_progress: 'on_track', p2_progress: 'behind', p3_progress: 'on_track' })).toBe(false);
  });

  it('hides a question whose condition depends on a hidden question', () => {
    const raw = baseRawForm();
    (raw.questions as Array<Record<string, unknown>>).push({
      type: 'text', name: 'why_blocked_long', label: { vi: 'Vì sao' }, relevant: '${blocked_days} > 5',
    });
    const form = mustLoad(raw);
    expect(isRelevant(form, 'why_blocked_long', { progress: 'blocked', blocked_days: 9 })).toBe(true);
    expect(isRelevant(form, 'why_blocked_long', { progress: 'on_track', blocked_days: 9 })).toBe(false);
  });

  it('drops stale answers of questions that became irrelevant', () => {
    expect(pruneIrrelevant(yearly, { has_heads: 'no', heads_total: 3 })).toEqual({ has_heads: 'no' });
  });
});

describe('cross-field rules of the yearly ratings', () => {
  it('accepts a total equal to the four levels', () => {
    expect(parseAnswer(yearly, 'org_total', '50', goodYearly)).toEqual({ ok: true, value: 50 });
  });

  it('rejects a total that is not the sum of the four levels, with the form’s message', () => {
    const result = parseAnswer(yearly, 'org_total', '51', goodYearly);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('answers.constraint_message');
    expect(!result.ok && String(result.error.params.message)).toContain('HTXSNV + HTTNV + HTNV + KHTNV');
  });

  it('rejects heads who are members above the number of heads', () => {
    const result = parseAnswer(yearly, 'heads_members', '41', goodYearly, { locale: 'en' });
    expect(!result.ok && result.error).toMatchObject({ code: 'answers.constraint_message' });
    expect(!result.ok && String(result.error.params.message)).toContain('more than the number of heads');
  });

  it('rejects a negative count with its bounds', () => {
    expect(parseAnswer(yearly, 'org_htxsnv', '-1')).toEqual({
      ok: false,
      error: { code: 'answers.below_min', params: { min: 0 } },
    });
  });
});

describe('validateSubmission', () => {
  it('accepts a complete, consistent yearly report', () => {
    expect(validateSubmission(yearly, goodYearly)).toEqual([]);
  });

  it('accepts a report without heads when the unit has none', () => {
    const { heads_total: _t, heads_members: _m, ...rest } = goodYearly;
    expect(validateSubmission(yearly, { ...rest, has_heads: 'no' })).toEqual([]);
  });

  it('reports missing required answers and broken rules, by question', () => {
    const { org_httnv: _missing, ...rest } = goodYearly;
    const problems = validateSubmission(yearly, { ...rest, cell_total: 201, heads_members: 41 });
    expect(problems.map((p) => [p.question, p.code])).toEqual([
      ['org_httnv', 'answers.required'],
      ['org_total', 'answers.constraint_message'],
      ['cell_total', 'answers.constraint_message'],
      ['heads_members', 'answers.constraint_message'],
    ]);
  });

  it('reports values of the wrong type or unknown choices', () => {
    const problems = validateSubmission(yearly, { ...goodYearly, org_khtnv: 1.5, has_heads: 'maybe' });
    expect(problems.map((p) => [p.question, p.code])).toEqual([
      ['org_khtnv', 'answers.wrong_type'],
      ['org_total', 'answers.constraint_message'],
      ['has_heads', 'answers.unknown_choice'],
    ]);
  });

  it('lets optional questions be skipped and requires the rest of the weekly report', () => {
    const answers: Answers = { p1_progress: 'on_track', p2_progress: 'behind', p3_progress: 'on_track', work_done: 'Họp chi bộ' };
    expect(validateSubmission(weekly, answers)).toEqual([]);
    expect(validateSubmission(weekly, { ...answers, p3_progress: 'blocked' })).toEqual([
      { question: 'blockers', code: 'answers.required', params: {} },
    ]);
  });

  it('re-checks dates and text lengths', () => {
    const problems = validateSubmission(sample, {
      count: 1, part: 1, ratio: 1, note_text: 'x'.repeat(1001), held_on: '2026-02-30', progress: 'on_track', agreed: 'yes', topics: ['training'],
    });
    expect(problems.map((p) => p.code)).toEqual(['answers.too_long', 'answers.impossible_date']);
  });
});

describe('questionBounds', () => {
  it('reads simple inclusive bounds', () => {
    expect(questionBounds(q('count'))).toEqual({ min: 0, max: 500 });
  });

  it('ignores bounds that depend on other answers', () => {
    expect(questionBounds(q('part'))).toEqual({ min: 0 });
  });

  it('turns strict integer bounds into inclusive ones and reads reversed comparisons', () => {
    const question: Question = { ...q('count'), constraint: undefined };
    const raw = baseRawForm();
    (raw.questions as Array<Record<string, unknown>>)[0]!.constraint = '. > 0 and 100 > . and . <= 1000';
    const form = mustLoad(raw);
    expect(questionBounds(form.questions[0]!)).toEqual({ min: 1, max: 99 });
    delete question.constraint;
    expect(questionBounds(question)).toEqual({});
  });

  it('has no bounds for questions that are not numbers', () => {
    expect(questionBounds(q('note_text'))).toEqual({});
  });
});

describe('formatAnswer', () => {
  it.each([
    [1234, 'vi', '1.234'],
    [1234, 'en', '1,234'],
    [1.5, 'vi', '1,5'],
    [1.5, 'en', '1.5'],
    [1234567.25, 'vi', '1.234.567,25'],
    [-1234.5, 'en', '-1,234.5'],
    [0, 'vi', '0'],
    [0.1 + 0.2, 'en', '0.3'],
  ] as const)('formats %d in %s as %s', (value, locale, expected) => {
    expect(formatNumber(locale, value, 6)).toBe(expected);
  });

  it('formats each kind of answer', () => {
    expect(formatAnswer(sample, q('count'), 1234, 'vi')).toBe('1.234');
    expect(formatAnswer(sample, q('ratio'), 1.5, 'en')).toBe('1.5');
    expect(formatAnswer(sample, q('held_on'), '2026-11-27', 'vi')).toBe('27/11/2026');
    expect(formatAnswer(sample, q('held_on'), '2026-11-27', 'en')).toBe('27/11/2026');
    expect(formatAnswer(sample, q('progress'), 'blocked', 'vi')).toBe('Vướng mắc');
    expect(formatAnswer(sample, q('progress'), 'blocked', 'en')).toBe('Blocked');
    expect(formatAnswer(sample, q('agreed'), 'no', 'vi')).toBe('Không');
    expect(formatAnswer(sample, q('topics'), ['training', 'discipline'], 'vi')).toBe('Đào tạo, Kỷ luật đảng');
    expect(formatAnswer(sample, q('note_text'), 'Họp', 'en')).toBe('Họp');
    expect(formatAnswer(sample, q('optional_text'), null, 'vi')).toBe('—');
  });
});
