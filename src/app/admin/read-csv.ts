import { parse } from 'csv-parse/sync';
import { decodeUtf8, firstBadLine } from './decode-text.ts';
import { problem, type ImportProblem } from './import-problem.ts';
import { cleanCell, isBlankRow, type ImportRow, type ImportTable } from './import-table.ts';

/** A table, or the problems that stop the file being read at all. */
export type ReadResult = { ok: true; table: ImportTable } | { ok: false; problems: ImportProblem[] };

/**
 * The separator of a CSV file: Excel writes ";" where the decimal comma is the custom (Vietnamese
 * Windows settings) and "," elsewhere, so the header line decides: the most frequent of , ; and tab.
 */
export function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: unquoted.split(delimiter).length - 1 }));
  counts.sort((a, b) => b.count - a.count);
  return counts[0] && counts[0].count > 0 ? counts[0].delimiter : ',';
}

/** Reads a CSV file's bytes into a table: UTF-8 checked, separator detected, blank lines skipped. */
export function readCsv(bytes: Uint8Array): ReadResult {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const code = decoded.reason === 'utf16' ? 'encoding_utf16' : 'encoding';
    return { ok: false, problems: [problem(0, undefined, code, { line: decoded.reason === 'utf16' ? 1 : firstBadLine(bytes) })] };
  }
  if (decoded.text.trim() === '') return { ok: false, problems: [problem(0, undefined, 'empty_file')] };
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(decoded.text, {
      delimiter: detectDelimiter(decoded.text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const line = Number((error as { lines?: number }).lines ?? 0);
    return { ok: false, problems: [problem(Math.max(line, 1), undefined, 'csv_syntax')] };
  }
  const rows: ImportRow[] = records
    .map(({ record, info }) => ({ line: info.lines, cells: record.map((cell) => cleanCell(cell)) }))
    .filter((row) => !isBlankRow(row.cells));
  const [head, ...data] = rows;
  if (!head) return { ok: false, problems: [problem(0, undefined, 'empty_file')] };
  if (data.length === 0) return { ok: false, problems: [problem(0, undefined, 'no_rows')] };
  return { ok: true, table: { header: head.cells, headerLine: head.line, rows: data } };
}
