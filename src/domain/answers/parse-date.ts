/**
 * Reads dates written day first, as in Vietnam: 27/11/2026, 27-11-2026, 27.11.2026, 27/11/26
 * (→ 2026); ISO 2026-11-27 is accepted too. Impossible dates (31/02/2026) are refused as such.
 */
import { DateTime } from 'luxon';
import { normalizeInput } from '../text/normalize.ts';

/** A date as 'YYYY-MM-DD', or why the text is not one. */
export type ParsedDate = { ok: true; value: string } | { ok: false; code: 'answers.not_a_date' | 'answers.impossible_date' };

/** Formats calendar parts as 'YYYY-MM-DD'. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** True when the parts name a real calendar day. */
export function isRealDate(year: number, month: number, day: number): boolean {
  return DateTime.fromObject({ year, month, day }, { zone: 'utc' }).isValid;
}

/** Reads a date typed by a person. */
export function parseDateText(text: string): ParsedDate {
  const cleaned = normalizeInput(text).replace(/^(ngày|ngay)\s+/i, '');
  let year: number;
  let month: number;
  let day: number;
  const dayFirst = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$/.exec(cleaned);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(cleaned);
  if (dayFirst) {
    day = Number(dayFirst[1]);
    month = Number(dayFirst[3]);
    const y = dayFirst[4] ?? '';
    year = y.length === 2 ? 2000 + Number(y) : Number(y);
  } else if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
  } else {
    return { ok: false, code: 'answers.not_a_date' };
  }
  if (!isRealDate(year, month, day)) return { ok: false, code: 'answers.impossible_date' };
  return { ok: true, value: isoDate(year, month, day) };
}
