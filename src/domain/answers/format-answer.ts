/**
 * Shows an answer back to the reporter in their language, for the summary and confirm step:
 * vi 1.234 and 1,5; en 1,234 and 1.5; dates 27/11/2026 in both; choices by their label.
 */
import type { Form, Question } from '../forms/form-types.ts';
import { pickText } from '../localized-text.ts';
import type { Locale } from '../localized-text.ts';
import type { AnswerValue } from './answer-value.ts';

/** Shown for a skipped answer. */
export const EMPTY_ANSWER_MARK = '—';

/** Formats a number with the locale's grouping and decimal marks, up to 6 decimals, no trailing zeros. */
export function formatNumber(value: number, locale: Locale): string {
  if (!Number.isFinite(value)) return String(value);
  const [group, decimal] = locale === 'vi' ? ['.', ','] : [',', '.'];
  const fixed = Math.abs(value).toFixed(6).replace(/\.?0+$/, '');
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const sign = value < 0 && fixed !== '0' ? '-' : '';
  return sign + grouped + (fraction ? decimal + fraction : '');
}

/** Formats a 'YYYY-MM-DD' date as dd/mm/yyyy (the same in both locales). */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

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
      return typeof value === 'number' ? formatNumber(value, locale) : String(value);
    case 'date':
      return formatDate(String(value));
    case 'select_one':
      return label(String(value));
    case 'select_multiple':
      return (Array.isArray(value) ? value : [String(value)]).map(label).join(', ');
    default:
      return Array.isArray(value) ? value.join(', ') : String(value);
  }
}
