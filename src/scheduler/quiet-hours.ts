/**
 * Quiet hours: nobody is woken by a reminder at night (and, when configured, at the weekend). A wave
 * that falls due in a quiet time waits for the next allowed minute, computed in the province's zone.
 */
import { DateTime } from 'luxon';

/** The parsed QUIET_HOURS and QUIET_WEEKENDS settings. */
export interface QuietRules {
  /** Minutes of the local day [start, end) that are quiet; wraps past midnight when start > end. Null: no quiet hours. */
  window: { startMinute: number; endMinute: number } | null;
  /** Saturday and Sunday are quiet all day. */
  weekends: boolean;
}

/** Reads `21:00-07:00` (or `off`) and the weekend flag, as the configuration validated them. */
export function parseQuietRules(quietHours: string, quietWeekends: boolean): QuietRules {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(quietHours.trim());
  if (quietHours.trim() === 'off' || !match) return { window: null, weekends: quietWeekends };
  const startMinute = Number(match[1]) * 60 + Number(match[2]);
  const endMinute = Number(match[3]) * 60 + Number(match[4]);
  return { window: startMinute === endMinute ? null : { startMinute, endMinute }, weekends: quietWeekends };
}

function inQuietWindow(local: DateTime, rules: QuietRules): boolean {
  const window = rules.window;
  if (!window) return false;
  const minute = local.hour * 60 + local.minute;
  return window.startMinute < window.endMinute
    ? minute >= window.startMinute && minute < window.endMinute
    : minute >= window.startMinute || minute < window.endMinute;
}

function isWeekend(local: DateTime): boolean {
  return local.weekday === 6 || local.weekday === 7;
}

/** Whether messages may not go out at this instant. */
export function isQuiet(instant: Date, rules: QuietRules, timeZone: string): boolean {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  return (rules.weekends && isWeekend(local)) || inQuietWindow(local, rules);
}

/** The instant itself when it is allowed, else the first allowed minute after it. */
export function nextAllowedInstant(instant: Date, rules: QuietRules, timeZone: string): Date {
  let local = DateTime.fromJSDate(instant, { zone: timeZone });
  for (let step = 0; step < 16; step += 1) {
    if (rules.weekends && isWeekend(local)) {
      local = local.plus({ days: 8 - local.weekday }).startOf('day');
      continue;
    }
    if (inQuietWindow(local, rules) && rules.window) {
      const { endMinute } = rules.window;
      let end = local.startOf('day').plus({ minutes: endMinute });
      if (end <= local) end = end.plus({ days: 1 });
      local = end;
      continue;
    }
    return local.toJSDate();
  }
  return local.toJSDate();
}
