/**
 * Writes XLSX workbooks from plain sheet descriptions with exceljs, so the digest's figures and the
 * admin export share one writer: a bold, frozen header row, column widths, number formats, and
 * sheet names made valid for Excel (31 characters, no []:*?/\). Every text cell and header passes through
 * `safeCell`, so no workbook the product writes can carry a formula typed by a user.
 */
import type ExcelJS from 'exceljs';

/** exceljs, loaded on first use: it is large, and only imports, exports and digests need it. */
async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
import { neutraliseFormula, safeCell } from './cell-safety.ts';

/** A cell: text, a number, a date (written as a real Excel date), or empty. */
export type CellValue = string | number | Date | null;

/** One column of a sheet. */
export interface ColumnSpec {
  key: string;
  header: string;
  width?: number;
  /** Excel number format, e.g. '0.0%' for ratios or 'dd/mm/yyyy hh:mm' for dates. */
  numFmt?: string;
}

/** One sheet: its columns and rows keyed by column key. */
export interface SheetSpec {
  name: string;
  columns: ColumnSpec[];
  rows: Array<Record<string, CellValue>>;
}

/** A name Excel accepts, unique within the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The workbook as XLSX bytes. */
export async function writeWorkbook(sheets: readonly SheetSpec[]): Promise<Buffer> {
  const workbook = new (await excel()).Workbook();
  workbook.creator = 'baocao-bot';
  const taken = new Set<string>();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(sheetName(spec.name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.columns.map((column) => ({
      key: column.key,
      header: neutraliseFormula(column.header),
      width: column.width ?? Math.min(60, Math.max(10, column.header.length + 2)),
      ...(column.numFmt ? { style: { numFmt: column.numFmt } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of spec.rows) sheet.addRow(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, safeCell(value)])));
  }
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes as ArrayBuffer);
}

/**
 * An instant as Excel shows it: Excel dates have no time zone, so the local wall-clock time in the
 * province is written (17:00 in Hanoi stays 17:00 in the sheet).
 */
export function excelLocalTime(instant: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return new Date(Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')));
}
