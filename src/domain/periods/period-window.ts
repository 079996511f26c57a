/**
 * A period's reporting window: when it opens, when it is due and when it closes, computed
 * from the form's schedule in the province's time zone.
 */
import { DateTime } from 'luxon';
import type { PeriodType, Schedule, ScheduleMoment } from '../forms/form-types.ts';
import { requirePeriodKey, formatPeriodKey } from './period-key.ts';
import { DEFAULT_TIME_ZONE, periodRange, toLocal } from './period-range.ts';

/** One period's window as instants. */
export interface PeriodWindow {
  key: string;
  opensAt: Date;
  dueAt: Date;
  closesAt: Date;
}

/** What a window needs from a form. */
export interface ScheduledForm {
  period: PeriodType;
  schedule: Schedule;
}

/** The instant of a schedule moment for a period whose range is [start, end). */
export function momentInstant(moment: ScheduleMoment, start: Date, end: Date, tz: string): Date {
  const anchor = toLocal(moment.from === 'start' ? start : end, tz).startOf('day');
  const [hour, minute] = moment.time.split(':').map(Number);
  const day = anchor.plus({ days: moment.offsetDays });
  const at = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: hour ?? 0, minute: minute ?? 0 },
    { zone: tz },
  );
  return at.toJSDate();
}

/** Opens, due and closes instants of one period of a form. Throws on a key of the wrong type. */
export function periodWindow(form: ScheduledForm, key: string, tz: string = DEFAULT_TIME_ZONE): PeriodWindow {
  const parsed = requirePeriodKey(key);
  if (parsed.type !== form.period) throw new Error(`period ${key} is not ${form.period}`);
  const { start, end } = periodRange(key, tz);
  return {
    key: formatPeriodKey(parsed),
    opensAt: momentInstant(form.schedule.opens, start, end, tz),
    dueAt: momentInstant(form.schedule.due, start, end, tz),
    closesAt: momentInstant(form.schedule.closes, start, end, tz),
  };
}

/** A submission is late when it arrives after the due moment (exactly on time is not late). */
export function isLate(window: Pick<PeriodWindow, 'dueAt'>, submittedAt: Date): boolean {
  return submittedAt.getTime() > window.dueAt.getTime();
}
