/**
 * Period keys name one reporting period of a form: `2026-W48` (ISO week, Monday first),
 * `2026-11`, `2026-Q4`, `2026`. They sort chronologically as text within one period type.
 */
import { DateTime } from 'luxon';
import type { PeriodType } from '../forms/form-types.ts';
import type { DomainMessage } from '../messages.ts';

/** A period key taken apart; `index` is the week, month or quarter number (1 for a year). */
export interface PeriodKey {
  type: PeriodType;
  year: number;
  index: number;
}

/** Result of parsing a period key: the parts, or a `forms.invalid_period_key` message. */
export type ParsedPeriodKey =
  | { ok: true; key: PeriodKey }
  | { ok: false; error: DomainMessage<'forms.invalid_period_key'> };

const weeksInYear = new Map<number, number>();

/** Number of ISO weeks (52 or 53) in an ISO week-numbering year (worked out once per year). */
export function isoWeeksInYear(year: number): number {
  let weeks = weeksInYear.get(year);
  if (weeks === undefined) {
    weeks = DateTime.fromObject({ weekYear: year, weekNumber: 1 }, { zone: 'utc' }).weeksInWeekYear;
    weeksInYear.set(year, weeks);
  }
  return weeks;
}

/** Formats parts into the canonical key text. */
export function formatPeriodKey(key: PeriodKey): string {
  const year = String(key.year).padStart(4, '0');
  switch (key.type) {
    case 'weekly':
      return `${year}-W${String(key.index).padStart(2, '0')}`;
    case 'monthly':
      return `${year}-${String(key.index).padStart(2, '0')}`;
    case 'quarterly':
      return `${year}-Q${key.index}`;
    default:
      return year;
  }
}

const PERIOD_KEY = /^(\d{4})(?:-W(\d{2})|-(\d{2})|-Q(\d))?$/;

function refuse(text: string): ParsedPeriodKey {
  return { ok: false, error: { code: 'forms.invalid_period_key', params: { key: text } } };
}

/** Parses a key such as `2026-W53`; refuses unknown shapes and weeks, months or quarters that do not exist. */
export function parsePeriodKey(text: string): ParsedPeriodKey {
  const match = PERIOD_KEY.exec(text.trim());
  if (!match) return refuse(text);
  const year = Number(match[1]);
  if (year < 1900 || year > 9999) return refuse(text);
  if (match[2] !== undefined) {
    const week = Number(match[2]);
    if (week < 1 || week > isoWeeksInYear(year)) return refuse(text);
    return { ok: true, key: { type: 'weekly', year, index: week } };
  }
  if (match[3] !== undefined) {
    const month = Number(match[3]);
    if (month < 1 || month > 12) return refuse(text);
    return { ok: true, key: { type: 'monthly', year, index: month } };
  }
  if (match[4] !== undefined) {
    const quarter = Number(match[4]);
    if (quarter < 1 || quarter > 4) return refuse(text);
    return { ok: true, key: { type: 'quarterly', year, index: quarter } };
  }
  return { ok: true, key: { type: 'yearly', year, index: 1 } };
}

/** Parses a key that is known to be valid (e.g. produced by this module); throws otherwise. */
export function requirePeriodKey(text: string): PeriodKey {
  const parsed = parsePeriodKey(text);
  if (!parsed.ok) throw new Error(`invalid period key: ${text}`);
  return parsed.key;
}

/** The key of the period containing a local date-time (its zone decides the calendar day). */
export function periodKeyOfLocal(type: PeriodType, local: DateTime): string {
  switch (type) {
    case 'weekly':
      return formatPeriodKey({ type, year: local.weekYear, index: local.weekNumber });
    case 'monthly':
      return formatPeriodKey({ type, year: local.year, index: local.month });
    case 'quarterly':
      return formatPeriodKey({ type, year: local.year, index: local.quarter });
    default:
      return formatPeriodKey({ type, year: local.year, index: 1 });
  }
}

/**
 * The calendar year a period counts toward, for yearly indicators: its ISO week-year for weeks
 * (2026-W53 counts to 2026, 2027-W01 to 2027), otherwise its year.
 */
export function periodYear(text: string): number {
  return requirePeriodKey(text).year;
}
