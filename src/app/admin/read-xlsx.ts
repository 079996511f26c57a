import type ExcelJS from 'exceljs';

/** exceljs, loaded on first use: it is large, and only imports, exports and digests need it. */
async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
import { problem } from './import-problem.ts';
import { cleanCell, isBlankRow, type ImportRow } from './import-table.ts';
import type { ReadResult } from './read-csv.ts';

/** The text a person sees in a cell: formulas by their result, dates as YYYY-MM-DD, rich text joined. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/** Reads the first sheet of an Excel workbook (.xlsx) into a table; row numbers are the sheet's. */
export async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  const workbook = new (await excel()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return { ok: false, problems: [problem(0, undefined, 'xlsx_unreadable')] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, problems: [problem(0, undefined, 'empty_file')] };
  const rows: ImportRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) cells.push(cleanCell(cellText(row.getCell(column).value)));
    if (!isBlankRow(cells)) rows.push({ line: rowNumber, cells });
  });
  const [head, ...data] = rows;
  if (!head) return { ok: false, problems: [problem(0, undefined, 'empty_file')] };
  if (data.length === 0) return { ok: false, problems: [problem(0, undefined, 'no_rows')] };
  return { ok: true, table: { header: head.cells, headerLine: head.line, rows: data } };
}
