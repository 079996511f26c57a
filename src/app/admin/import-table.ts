/**
 * A spreadsheet reduced to text: the header cells and each data row with its line in the file, so that
 * CSV and Excel files are checked by the same code and problems point at the line a person sees.
 */
import { normalizeFreeText } from '../../domain/text/normalize.ts';
export interface ImportTable {
  /** The header cells as written (trimmed). */
  header: string[];
  /** The file line of the header (1 unless blank lines come first). */
  headerLine: number;
  rows: ImportRow[];
}

/** One data row: its line in the file and its cells, trimmed, in header order. */
export interface ImportRow {
  line: number;
  cells: string[];
}

/**
 * Cleans one cell as every free text from people is cleaned: NFC (so "ệ" typed two ways is one
 * text), invisible and direction-changing characters removed, odd spaces unified, trimmed.
 */
export function cleanCell(value: string): string {
  return normalizeFreeText(value);
}

/** True when a row holds nothing at all (a trailing empty line, a row of empty cells). */
export function isBlankRow(cells: string[]): boolean {
  return cells.every((cell) => cell === '');
}
