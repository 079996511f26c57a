/**
 * Where periods start and end in real time. Calendar arithmetic happens in the province's
 * time zone (Asia/Ho_Chi_Minh by default), so a month starts at local midnight on the 1st.
 */
import { DateTime } from 'luxon';
import type { PeriodType } from '../forms/form-types.ts';
import { formatPeriodKey, periodKeyOfLocal, requirePeriodKey } from './period-key.ts';
import type { PeriodKey } from './period-key.ts';

/** The province's time zone unless told otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A period as instants: start inclusive, end exclusive. */
export interface PeriodRange {
  key: string;
  start: Date;
  end: Date;
}

const UNIT: Record<PeriodType, 'week' | 'month' | 'quarter' | 'year'> = {
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
  yearly: 'year',
};

/** Converts an instant to local time in a zone; refuses an unknown zone loudly (a configuration error). */
export function toLocal(instant: Date, tz: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone: tz });
  if (!local.isValid) throw new Error(`invalid time zone or instant: ${tz}`);
  return local;
}

/** Local start of a parsed period in a zone. */
export function periodStartLocal(key: PeriodKey, tz: string): DateTime {
  let start: DateTime;
  switch (key.type) {
    case 'weekly':
      start = DateTime.fromObject({ weekYear: key.year, weekNumber: key.index, weekday: 1 }, { zone: tz });
      break;
    case 'monthly':
      start = DateTime.fromObject({ year: key.year, month: key.index, day: 1 }, { zone: tz });
      break;
    case 'quarterly':
      start = DateTime.fromObject({ year: key.year, month: (key.index - 1) * 3 + 1, day: 1 }, { zone: tz });
      break;
    default:
      start = DateTime.fromObject({ year: key.year, month: 1, day: 1 }, { zone: tz });
  }
  if (!start.isValid) throw new Error(`invalid time zone: ${tz}`);
  return start.startOf('day');
}

/** The key of the period of a type that contains an instant, in a zone. */
export function periodKeyAt(type: PeriodType, instant: Date, tz: string = DEFAULT_TIME_ZONE): string {
  return periodKeyOfLocal(type, toLocal(instant, tz));
}

/** Start (inclusive) and end (exclusive) of a period as instants. Throws on an invalid key. */
export function periodRange(key: string, tz: string = DEFAULT_TIME_ZONE): PeriodRange {
  const parsed = requirePeriodKey(key);
  const start = periodStartLocal(parsed, tz);
  const end = start.plus({ [UNIT[parsed.type]]: 1 });
  return { key: formatPeriodKey(parsed), start: start.toJSDate(), end: end.toJSDate() };
}

function shift(key: string, steps: number): string {
  const parsed = requirePeriodKey(key);
  const start = periodStartLocal(parsed, 'utc').plus({ [UNIT[parsed.type]]: steps });
  return periodKeyOfLocal(parsed.type, start);
}

/** The period right after (2026-W53 → 2027-W01, 2026-12 → 2027-01). */
export function nextPeriodKey(key: string): string {
  return shift(key, 1);
}

/** The period right before (2027-W01 → 2026-W53, 2027-Q1 → 2026-Q4). */
export function previousPeriodKey(key: string): string {
  return shift(key, -1);
}
