/**
 * Shows an answer back to the reporter in their language, for the summary and confirm step:
 * vi 1.234 and 1,5; en 1,234 and 1.5; dates 27/11/2026 in both; choices by their label.
 */
import type { AnswerValue } from '../domain/answers/answer-value.ts';
import type { Form, Question } from '../domain/forms/form-types.ts';
import { pickText, type Locale } from '../domain/localized-text.ts';
import { formatIsoDate, formatNumber } from './format.ts';

/** Shown for a skipped answer. */
export const EMPTY_ANSWER_MARK = '—';

/** An answer as text for the reporter; a skipped answer is "—". */
export function formatAnswer(form: Form, question: Question, value: AnswerValue | undefined, locale: Locale): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return EMPTY_ANSWER_MARK;
  const choices = form.choices[question.listName ?? ''] ?? [];
  const label = (name: string): string => {
    const choice = choices.find((c) => c.name === name);
    return choice ? pickText(choice.label, locale) : name;
  };
  switch (question.type) {
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? formatNumber(locale, value, 6) : String(value);
    case 'date':
      return formatIsoDate(String(value));
    case 'select_one':
      return label(String(value));
    case 'select_multiple':
      return (Array.isArray(value) ? value : [String(value)]).map(label).join(', ');
    default:
      return Array.isArray(value) ? value.join(', ') : String(value);
  }
}
