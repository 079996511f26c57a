/**
 * When to remind a unit about one period, and when to escalate: the scheduler asks this
 * instead of re-deriving offsets, so the ladder is the form's data, not code.
 */
import type { ReminderPolicy } from '../forms/form-types.ts';
import type { PeriodWindow } from './period-window.ts';
import { DEFAULT_TIME_ZONE, toLocal } from './period-range.ts';

/** Reminder instants for a window: each offset from due (same local time), then one a day while overdue until close. */
export function reminderTimes(policy: ReminderPolicy, window: PeriodWindow, tz: string = DEFAULT_TIME_ZONE): Date[] {
  const due = toLocal(window.dueAt, tz);
  const times = new Set<number>();
  const opens = window.opensAt.getTime();
  const closes = window.closesAt.getTime();
  for (const offset of policy.offsetsDays) {
    const at = due.plus({ days: offset }).toMillis();
    if (at >= opens && at < closes) times.add(at);
  }
  if (policy.dailyWhileOverdue) {
    for (let day = 1; day < 3660; day += 1) {
      const at = due.plus({ days: day }).toMillis();
      if (at >= closes) break;
      times.add(at);
    }
  }
  return [...times].sort((a, b) => a - b).map((ms) => new Date(ms));
}

/** When a missing report is escalated (due + N days, same local time), or null when the form never escalates. */
export function escalationTime(
  escalateAfterDays: number | null,
  window: PeriodWindow,
  tz: string = DEFAULT_TIME_ZONE,
): Date | null {
  if (escalateAfterDays === null) return null;
  return toLocal(window.dueAt, tz).plus({ days: escalateAfterDays }).toJSDate();
}
