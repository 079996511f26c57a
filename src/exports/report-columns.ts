/**
 * The layout of a report workbook, shared by `export` (which writes it), `export --template` (which
 * writes it empty) and `submissions import` (which reads it back): one sheet per form version, named
 * "<form> v<version>", fixed columns first, then one column per question headed "<name>: <label>".
 * Keeping the keys and the header rule in one place is what lets export → import round-trip.
 */
import { pickText, type Form, type Locale, type Question } from '../domain/index.ts';

/** The fixed columns, in sheet order; their headers are `exports.col_<key>` in the operator's language. */
export const FIXED_COLUMNS = ['unit_code', 'unit_name', 'parent', 'period', 'status', 'submitted_at', 'revision'] as const;

/** One fixed column's key. */
export type FixedColumn = (typeof FIXED_COLUMNS)[number];

/** The questions that have a column: every question but notes. */
export function answerQuestions(form: Form): Question[] {
  return form.questions.filter((q) => q.type !== 'note');
}

/** A question's column header: its name (what the import reads) and its label (what a person reads). */
export function questionHeader(question: Question, locale: Locale): string {
  return `${question.name}: ${pickText(question.label, locale)}`;
}

/** The question name a header names: the text before the first colon (a bare name works too). */
export function questionNameOfHeader(header: string): string {
  const colon = header.indexOf(':');
  return (colon < 0 ? header : header.slice(0, colon)).trim();
}

/** The key of a question's column in a sheet spec. */
export function questionKey(question: Question): string {
  return `q_${question.name}`;
}

/** Reads a sheet name written as "<form> v<version>" (Excel may have added " 2" to keep names unique). */
export function parseSheetName(name: string): { formId: string; version: number } | null {
  const match = /^(\S+) v(\d+)(?: \d+)?$/.exec(name.trim());
  return match ? { formId: match[1] ?? '', version: Number(match[2]) } : null;
}
