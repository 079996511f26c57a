/**
 * Reads every sheet of a report workbook (what `export` writes, or a filled-in template) as plain cell
 * values: numbers stay numbers and dates stay dates, so the import reads a figure as it was written
 * rather than as text re-parsed. Formulas give their result, rich text its plain text.
 */
import type ExcelJS from 'exceljs';

/** exceljs, loaded on first use: it is large, and only imports, exports and digests need it. */
async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** One cell as the import sees it. */
export type RawCell = string | number | boolean | Date | null;

/** One non-empty row, with the sheet's own row number (1 is the header). */
export interface RawRow {
  line: number;
  cells: RawCell[];
}

/** One sheet: its name and its non-empty rows in order. */
export interface RawSheet {
  name: string;
  rows: RawRow[];
}

function plain(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return plain((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
  }
  return null;
}

function isBlank(cell: RawCell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/** The workbook's sheets, or null when the bytes are not an .xlsx workbook. */
export async function readReportWorkbook(bytes: Uint8Array): Promise<RawSheet[] | null> {
  const workbook = new (await excel()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return null;
  }
  return workbook.worksheets.map((sheet) => {
    const rows: RawRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, line) => {
      const cells: RawCell[] = [];
      for (let column = 1; column <= row.cellCount; column += 1) cells.push(plain(row.getCell(column).value));
      if (!cells.every(isBlank)) rows.push({ line, cells });
    });
    return { name: sheet.name, rows };
  });
}
