/**
 * Checks that a stored value has the shape its question expects (a whole number for an
 * integer, a real date, known choice names, text not too long), for re-validating
 * submissions that were stored earlier or came from elsewhere.
 */
import type { Form, Question } from '../forms/form-types.ts';
import type { AnswerError, AnswerValue } from './answer-value.ts';
import { MAX_TEXT_LENGTH } from './answer-value.ts';
import { isRealDate } from './parse-date.ts';

/** Null when the value fits the question's type, else why not. */
export function checkValueShape(form: Form, question: Question, value: AnswerValue): AnswerError | null {
  const wrong: AnswerError = { code: 'answers.wrong_type', params: { type: question.type } };
  const choices = form.choices[question.listName ?? ''] ?? [];
  switch (question.type) {
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? null : wrong;
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? null : wrong;
    case 'date': {
      const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
      if (!match) return wrong;
      return isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))
        ? null
        : { code: 'answers.impossible_date', params: { date: String(value) } };
    }
    case 'select_one':
      if (typeof value !== 'string') return wrong;
      return choices.some((c) => c.name === value) ? null : { code: 'answers.unknown_choice', params: { value, max: choices.length } };
    case 'select_multiple': {
      if (!Array.isArray(value)) return wrong;
      const unknown = value.find((v) => !choices.some((c) => c.name === v));
      return unknown === undefined ? null : { code: 'answers.unknown_choice', params: { value: unknown, max: choices.length } };
    }
    case 'text':
      if (typeof value !== 'string') return wrong;
      return Array.from(value).length > MAX_TEXT_LENGTH ? { code: 'answers.too_long', params: { max: MAX_TEXT_LENGTH } } : null;
    default:
      return null;
  }
}
