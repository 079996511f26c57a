import { UNIT_COLUMNS } from './column-spec.ts';
import { cellOf, headerOf, mapHeader } from './header-mapping.ts';
import { problem, type ImportProblem } from './import-problem.ts';
import type { ImportTable } from './import-table.ts';
import { parseUnitKind, UNIT_KINDS, type UnitKind } from '../../domain/organisation/vocabulary.ts';

/** One unit as the file gives it, checked cell by cell. */
export interface UnitInput {
  line: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
}

const CODE_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._\-/]{0,49}$/u;

/** Whether a text can be a unit code: letters, digits and . _ - /, no spaces, at most 50 characters. */
export function isUnitCode(text: string): boolean {
  return CODE_PATTERN.test(text);
}

/**
 * Checks every row of a units file on its own (required cells, the code's shape, the kind, codes given
 * twice) and returns the rows that passed with every problem found; the hierarchy is checked afterwards
 * over the whole file and the database, naming the parent column as the file does (`parentColumn`), and
 * every code the file gives, rows with problems included (`fileCodes`).
 */
export function readUnitRows(table: ImportTable): { units: UnitInput[]; problems: ImportProblem[]; parentColumn: string; fileCodes: Set<string> } {
  const { map, problems } = mapHeader(table, UNIT_COLUMNS);
  const parentColumn = headerOf(map, 'parent_code');
  if (problems.length > 0) return { units: [], problems, parentColumn, fileCodes: new Set() };
  const units: UnitInput[] = [];
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    const before = problems.length;
    const code = cellOf(row, map, 'code');
    const name = cellOf(row, map, 'name');
    const kindText = cellOf(row, map, 'kind');
    const parentCode = cellOf(row, map, 'parent_code');
    const at = (field: 'code' | 'name' | 'kind' | 'parent_code', code: string, params: Record<string, string | number> = {}) =>
      problems.push(problem(row.line, headerOf(map, field), code, params));
    if (code === '') at('code', 'empty_cell');
    else if (!isUnitCode(code)) at('code', 'bad_code', { value: code });
    if (name === '') at('name', 'empty_cell');
    const kind = parseUnitKind(kindText);
    if (kindText === '') at('kind', 'empty_cell');
    else if (!kind) at('kind', 'bad_kind', { value: kindText, accepted: UNIT_KINDS.join(', ') });
    if (parentCode !== '' && !isUnitCode(parentCode)) at('parent_code', 'bad_code', { value: parentCode });
    if (code !== '') {
      const first = firstLine.get(code);
      if (first !== undefined) at('code', 'duplicate_code', { value: code, first });
      else firstLine.set(code, row.line);
    }
    if (problems.length === before && kind) units.push({ line: row.line, code, name, kind, parentCode: parentCode || null });
  }
  return { units, problems, parentColumn, fileCodes: new Set(firstLine.keys()) };
}
