/**
 * Turns what a reporter typed into a stored answer, or a coded refusal that says what is
 * expected. Used by the dialog engine at every step; the constraint is checked against the
 * answers given so far.
 *
 * Empty text refuses a required question (`answers.empty`) and skips an optional one (null).
 * "bỏ qua", "skip" or "-" skip an optional question and refuse a required one (`answers.required`).
 */
import type { Form, Question } from '../forms/form-types.ts';
import type { Locale } from '../localized-text.ts';
import { foldForMatch, normalizeFreeText, normalizeInput } from '../text/normalize.ts';
import { MAX_TEXT_LENGTH, refuse } from './answer-value.ts';
import type { AnswerResult, Answers } from './answer-value.ts';
import { checkConstraint } from './constraint-check.ts';
import { parseDateText } from './parse-date.ts';
import { numberWordProblem, parseDecimalText, parseIntegerText } from './parse-number.ts';
import { parseSelectMultiple, parseSelectOne } from './parse-choice.ts';

const SKIP_WORDS = new Set(['bo qua', 'skip', '-', 'bq']);

/** Options for reading an answer; `locale` picks the language of a form's constraint_message. */
export interface ParseAnswerOptions {
  locale?: Locale;
}

/** Finds a question by name (or passes one through); throws for a name the form does not have. */
export function resolveQuestion(form: Form, question: Question | string): Question {
  if (typeof question !== 'string') return question;
  const found = form.questions.find((q) => q.name === question);
  if (!found) throw new Error(`form ${form.id} has no question ${question}`);
  return found;
}

/** Reads the value of a typed answer, without the constraint. */
export function parseValue(form: Form, question: Question, text: string): AnswerResult {
  const trimmed = normalizeInput(text);
  switch (question.type) {
    case 'note':
      return { ok: true, value: null };
    case 'integer': {
      const value = parseIntegerText(trimmed);
      return value === undefined ? refuseNumber(trimmed, 'answers.not_integer') : { ok: true, value };
    }
    case 'decimal': {
      const value = parseDecimalText(trimmed);
      return value === undefined ? refuseNumber(trimmed, 'answers.not_decimal') : { ok: true, value };
    }
    case 'date': {
      const parsed = parseDateText(trimmed);
      if (parsed.ok) return { ok: true, value: parsed.value };
      return refuse(parsed.code, parsed.code === 'answers.not_a_date' ? { example: '27/11/2026' } : { date: trimmed });
    }
    case 'select_one':
      return parseSelectOne(form.choices[question.listName ?? ''] ?? [], trimmed);
    case 'select_multiple':
      return parseSelectMultiple(form.choices[question.listName ?? ''] ?? [], trimmed);
    default: {
      // Stored and checked (string-length, emptiness) as the reader will see it.
      const value = normalizeFreeText(text);
      if (Array.from(value).length > MAX_TEXT_LENGTH) return refuse('answers.too_long', { max: MAX_TEXT_LENGTH });
      return { ok: true, value };
    }
  }
}

/**
 * Refuses a text that is not a number. When a word follows the number ("5 nghìn", "3k", "12 abc"),
 * the refusal names the word and shows the digits to type, so the value stored is always the one
 * meant and the reporter sees how to write it.
 */
function refuseNumber(text: string, fallback: 'answers.not_integer' | 'answers.not_decimal'): AnswerResult {
  const problem = numberWordProblem(text);
  if (problem?.suffix.kind === 'multiplier') {
    return refuse('answers.number_multiplier', { word: problem.suffix.word, typed: text.slice(0, 40), example: problem.meant === undefined ? '12000' : String(problem.meant) });
  }
  if (problem?.suffix.kind === 'unknown') return refuse('answers.number_unknown_word', { word: problem.suffix.word, example: '12' });
  return refuse(fallback, { example: '12' });
}

/** Reads an answer typed for a question and checks it against the question's constraint. */
export function parseAnswer(
  form: Form,
  question: Question | string,
  text: string,
  answers: Answers = {},
  options: ParseAnswerOptions = {},
): AnswerResult {
  const q = resolveQuestion(form, question);
  if (q.type === 'note') return { ok: true, value: null };
  const cleaned = q.type === 'text' ? normalizeFreeText(text) : normalizeInput(text);
  if (cleaned === '') return q.required ? refuse('answers.empty') : { ok: true, value: null };
  if (SKIP_WORDS.has(foldForMatch(cleaned))) {
    return q.required ? refuse('answers.required') : { ok: true, value: null };
  }
  const parsed = parseValue(form, q, text);
  if (!parsed.ok) return parsed;
  const failure = checkConstraint(form, q, parsed.value, answers, options.locale ?? 'vi');
  return failure ? { ok: false, error: failure } : parsed;
}
