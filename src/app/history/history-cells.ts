/**
 * Reads the cells of one row of a report workbook into what a report stores: the period key, the
 * submission time (Excel keeps the province's wall-clock time, with no zone), the on-time/late status,
 * and each answer by the same readers the chat dialog uses, so a figure typed in a sheet is held to
 * the same rules as one typed on a phone. A number cell is taken as the number it holds.
 */
import { DateTime } from 'luxon';
import { formatPeriodKey, parsePeriodKey, type AnswerError, type AnswerValue, type Form, type PeriodType, type Question } from '../../domain/index.ts';
import { parseValue } from '../../domain/answers/parse-answer.ts';
import { foldForMatch } from '../../domain/text/normalize.ts';
import { restoreFormulaText } from '../../exports/cell-safety.ts';
import type { RawCell } from '../../exports/read-report-workbook.ts';

/** True for a cell with nothing in it. */
export function isBlankCell(cell: RawCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** A cell as text, as a person would read it (dates as YYYY-MM-DD). */
export function cellText(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** An Excel date's calendar fields: exceljs gives them as UTC, whatever zone the sheet was typed in. */
function excelParts(date: Date) {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds() };
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 24 * 3600 * 1000;
/** Above any year a period key can name (9999), an integer period cell is an Excel date serial (10000 is 1927). */
const EXCEL_SERIAL_FLOOR = 9999;

/**
 * The period key in a cell, canonical (2026-W5 → 2026-W05), or null when it is none. A spreadsheet turns
 * "2026-10" typed into a cell into a date, so a date is read as its month (monthly forms) or year.
 */
export function readPeriodCell(cell: RawCell | undefined, kind: PeriodType): { key: string } | { invalid: string } {
  // A date in a cell formatted as text reaches us as its serial number (days since 30/12/1899); a year is a year.
  if (typeof cell === 'number' && Number.isInteger(cell) && cell > EXCEL_SERIAL_FLOOR) return readPeriodCell(new Date(EXCEL_EPOCH + cell * DAY_MS), kind);
  if (cell instanceof Date) {
    const { year, month } = excelParts(cell);
    if (kind === 'monthly') return { key: `${year}-${String(month).padStart(2, '0')}` };
    if (kind === 'yearly') return { key: String(year) };
    return { invalid: cellText(cell) };
  }
  const text = cellText(cell).toUpperCase();
  const parsed = parsePeriodKey(text);
  return parsed.ok ? { key: formatPeriodKey(parsed.key) } : { invalid: cellText(cell) };
}

/** The kind of a canonical period key. */
export function periodKindOf(key: string): PeriodType | null {
  const parsed = parsePeriodKey(key);
  return parsed.ok ? parsed.key.type : null;
}

const VN_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** The instant of a submission-time cell (a date, or "27/11/2026 16:00" / "2026-11-27 16:00"), in the province's zone. */
export function readTimeCell(cell: RawCell | undefined, timeZone: string): Date | null {
  let parts: { year: number; month: number; day: number; hour: number; minute: number; second: number } | null = null;
  if (cell instanceof Date) parts = excelParts(cell);
  else if (typeof cell === 'string') {
    const vn = VN_DATE_TIME.exec(cell.trim());
    const iso = ISO_DATE_TIME.exec(cell.trim());
    if (vn) parts = { year: Number(vn[3]), month: Number(vn[2]), day: Number(vn[1]), hour: Number(vn[4] ?? 0), minute: Number(vn[5] ?? 0), second: Number(vn[6] ?? 0) };
    else if (iso) parts = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]), hour: Number(iso[4] ?? 0), minute: Number(iso[5] ?? 0), second: Number(iso[6] ?? 0) };
  }
  if (!parts) return null;
  const local = DateTime.fromObject(parts, { zone: timeZone });
  return local.isValid ? local.toJSDate() : null;
}

/** The status words the export writes, in any language, folded for matching. */
export interface StatusWords {
  onTime: ReadonlySet<string>;
  late: ReadonlySet<string>;
  missing: ReadonlySet<string>;
}

/** The status in a cell: on time, late, missing (a unit that filed nothing), blank, or a word not known. */
export function readStatusCell(cell: RawCell | undefined, words: StatusWords): 'on_time' | 'late' | 'missing' | 'blank' | 'unknown' {
  const folded = foldForMatch(cellText(cell));
  if (folded === '') return 'blank';
  if (words.onTime.has(folded)) return 'on_time';
  if (words.late.has(folded)) return 'late';
  if (words.missing.has(folded)) return 'missing';
  return 'unknown';
}

/** One answer cell read for its question: the stored value, or why it is refused (an `answers.*` code). */
export function readAnswerCell(form: Form, question: Question, cell: RawCell | undefined): { ok: true; value: AnswerValue } | { ok: false; error: AnswerError } {
  if (isBlankCell(cell)) return { ok: true, value: null };
  if (typeof cell === 'number') {
    if (question.type === 'integer') return Number.isSafeInteger(cell) ? { ok: true, value: cell } : { ok: false, error: { code: 'answers.not_integer', params: { example: '12' } } };
    if (question.type === 'decimal') return Number.isFinite(cell) ? { ok: true, value: cell } : { ok: false, error: { code: 'answers.not_decimal', params: { example: '12' } } };
  }
  if (cell instanceof Date && question.type === 'date') {
    const { year, month, day } = excelParts(cell);
    return { ok: true, value: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
  }
  const text = cell instanceof Date ? cellText(cell) : restoreFormulaText(String(cell));
  return parseValue(form, question, text);
}
