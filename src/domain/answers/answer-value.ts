/**
 * How answers are stored: integer/decimal → number; text → string; date → 'YYYY-MM-DD';
 * select_one → the choice's name; select_multiple → the names in list order; a skipped
 * optional question → null or absent.
 */
import type { AnswerCode, DomainMessage } from '../messages.ts';

/** One stored answer. */
export type AnswerValue = number | string | string[] | null;

/** A unit's answers to one form for one period, by question name. */
export type Answers = Record<string, AnswerValue>;

/** Why an answer was refused: a code from `answers.*` and its parameters. */
export type AnswerError = DomainMessage<AnswerCode>;

/** The outcome of reading an answer: the value, or why it was refused. */
export type AnswerResult = { ok: true; value: AnswerValue } | { ok: false; error: AnswerError };

/** Longest text answer accepted, in characters. */
export const MAX_TEXT_LENGTH = 1000;

/** Builds a refusal. */
export function refuse(code: AnswerCode, params: AnswerError['params'] = {}): { ok: false; error: AnswerError } {
  return { ok: false, error: { code, params } };
}

/** True when nothing was answered (skipped, unanswered or an empty selection). */
export function isUnanswered(value: AnswerValue | undefined): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}
