/**
 * A five-field cron expression (DIGEST_SCHEDULE) read with node-cron's own parser and evaluated in
 * the province's time zone, so the planner can list the digest's instants without timers.
 */
import { parse, validate } from 'node-cron';
import { DateTime } from 'luxon';

/** The expanded fields of an expression; day of week 0–6 with Sunday 0. */
export interface CronSchedule {
  source: string;
  minutes: number[];
  hours: number[];
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  /** Cron's rule: when both day fields are restricted, either may match. */
  dayFieldsBothRestricted: boolean;
}

/** Parses an expression; throws when node-cron refuses it (the configuration already checked its shape). */
export function parseCronSchedule(expression: string): CronSchedule {
  if (!validate(expression)) throw new Error(`invalid cron expression: ${expression}`);
  const fields = parse(expression);
  const days = fields.dayOfMonth.map(Number).filter(Number.isFinite);
  const weekdays = fields.dayOfWeek.map(Number).filter(Number.isFinite).map((day) => day % 7);
  return {
    source: expression,
    minutes: [...fields.minute].sort((a, b) => a - b),
    hours: [...fields.hour].sort((a, b) => a - b),
    daysOfMonth: new Set(days),
    months: new Set(fields.month),
    daysOfWeek: new Set(weekdays),
    dayFieldsBothRestricted: days.length < 31 && new Set(weekdays).size < 7,
  };
}

/** How far ahead a schedule must fire at least once to count as a schedule (leap days included). */
const MUST_FIRE_WITHIN_MS = 4 * 366 * 86_400_000;

/**
 * Why an expression cannot be the digest's schedule, as a configuration message code, or null. Checked
 * when the configuration is read, with the same parser the scheduler uses, so a schedule that would
 * stop the bot later (an hour of 25, six fields, 31 February) stops it before anything starts.
 */
export function cronProblem(expression: string): 'config.cron' | 'config.cron_never' | null {
  if (!/^\S+( \S+){4}$/.test(expression)) return 'config.cron';
  let schedule: CronSchedule;
  try {
    schedule = parseCronSchedule(expression);
  } catch {
    return 'config.cron';
  }
  const from = new Date(Date.UTC(2024, 0, 1));
  return cronInstants(schedule, from, new Date(from.getTime() + MUST_FIRE_WITHIN_MS), 'UTC').length > 0 ? null : 'config.cron_never';
}

function dayMatches(schedule: CronSchedule, day: DateTime): boolean {
  if (!schedule.months.has(day.month)) return false;
  const byMonthDay = schedule.daysOfMonth.has(day.day);
  const byWeekday = schedule.daysOfWeek.has(day.weekday % 7);
  return schedule.dayFieldsBothRestricted ? byMonthDay || byWeekday : byMonthDay && byWeekday;
}

/** Every instant the schedule fires at with from < instant <= to, oldest first. */
export function cronInstants(schedule: CronSchedule, from: Date, to: Date, timeZone: string): Date[] {
  const found: Date[] = [];
  let day = DateTime.fromJSDate(from, { zone: timeZone }).startOf('day');
  const last = DateTime.fromJSDate(to, { zone: timeZone }).startOf('day');
  for (let guard = 0; day <= last && guard < 4000; guard += 1, day = day.plus({ days: 1 })) {
    if (!dayMatches(schedule, day)) continue;
    for (const hour of schedule.hours) {
      for (const minute of schedule.minutes) {
        const at = day.set({ hour, minute, second: 0, millisecond: 0 });
        if (at.hour !== hour) continue;
        const ms = at.toMillis();
        if (ms > from.getTime() && ms <= to.getTime()) found.push(at.toJSDate());
      }
    }
  }
  return found;
}
