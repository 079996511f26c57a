import type { Locale } from '../../domain/localized-text.ts';
import { translate } from '../../i18n/translator.ts';

/**
 * One thing wrong with an import file, where it is: the file line (1 is the header) and the column as
 * the file names it. `code` is a key under `admin.problem.*`, so the message reads in the operator's
 * language; line 0 means the file as a whole (encoding, emptiness).
 */
export interface ImportProblem {
  line: number;
  column?: string;
  code: string;
  params?: Record<string, string | number>;
}

/** Builds a problem; a small helper so validators read as a list of rules. */
export function problem(line: number, column: string | undefined, code: string, params: Record<string, string | number> = {}): ImportProblem {
  return column === undefined ? { line, code, params } : { line, column, code, params };
}

/** Problems in file order: by line, then by column name, so the list reads top to bottom. */
export function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || (a.column ?? '').localeCompare(b.column ?? ''));
}

/** One problem as a line of text: "Line 4, column “kind”: …" in Vietnamese or English. */
export function renderProblem(locale: Locale, item: ImportProblem): string {
  const message = translate(locale, `admin.problem.${item.code}`, item.params ?? {});
  if (item.line <= 0) return message;
  if (item.column === undefined) return translate(locale, 'admin.at_line', { line: item.line, message });
  return translate(locale, 'admin.at_cell', { line: item.line, column: item.column, message });
}

/** Every problem, rendered, in file order. */
export function renderProblems(locale: Locale, problems: ImportProblem[]): string[] {
  return sortProblems(problems).map((item) => renderProblem(locale, item));
}
