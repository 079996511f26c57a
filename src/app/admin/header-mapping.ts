import { headerKey } from '../../domain/text/match-keys.ts';
import type { ColumnSpec } from './column-spec.ts';
import { problem, type ImportProblem } from './import-problem.ts';
import type { ImportRow, ImportTable } from './import-table.ts';

/** Where each known field sits in the file, and the header text to name it by in messages. */
export type ColumnMap<Field extends string> = Partial<Record<Field, { index: number; header: string }>>;

/**
 * Matches a file's header to the expected columns. Unknown columns are ignored (people keep notes in
 * spreadsheets); a required column that is missing, or a field given twice, is a problem on the header line.
 */
export function mapHeader<Field extends string>(
  table: ImportTable,
  columns: ColumnSpec<Field>[],
): { map: ColumnMap<Field>; problems: ImportProblem[] } {
  const map: ColumnMap<Field> = {};
  const problems: ImportProblem[] = [];
  table.header.forEach((header, index) => {
    const key = headerKey(header);
    const column = columns.find((spec) => spec.headers.includes(key));
    if (!column) return;
    const taken = map[column.field];
    if (taken) problems.push(problem(table.headerLine, header, 'duplicate_column', { other: taken.header }));
    else map[column.field] = { index, header };
  });
  for (const column of columns) {
    if (column.required && !map[column.field]) {
      problems.push(problem(table.headerLine, column.field, 'missing_column', { accepted: column.headers.join(', ') }));
    }
  }
  return { map, problems };
}

/** Reads one field of a row ('' when the column is absent or the row is short). */
export function cellOf<Field extends string>(row: ImportRow, map: ColumnMap<Field>, field: Field): string {
  const column = map[field];
  return column ? (row.cells[column.index] ?? '') : '';
}

/** The header text of a field as the file writes it, or the field name when the column is absent. */
export function headerOf<Field extends string>(map: ColumnMap<Field>, field: Field): string {
  return map[field]?.header ?? field;
}
