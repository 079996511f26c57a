/**
 * Which periods of a form accept answers at an instant. Several can be open at once: last
 * week's report may still be accepted until it closes while this week's is already open.
 */
import type { PeriodWindow, ScheduledForm } from './period-window.ts';
import { periodWindow } from './period-window.ts';
import { DEFAULT_TIME_ZONE, nextPeriodKey, periodKeyAt, previousPeriodKey } from './period-range.ts';

const MAX_SCAN = 400;

/** Windows with opensAt <= instant < closesAt, oldest first. */
export function openPeriods(form: ScheduledForm, instant: Date, tz: string = DEFAULT_TIME_ZONE): PeriodWindow[] {
  const at = instant.getTime();
  const current = periodKeyAt(form.period, instant, tz);
  const found: PeriodWindow[] = [];
  const isOpen = (w: PeriodWindow): boolean => w.opensAt.getTime() <= at && at < w.closesAt.getTime();

  // Earlier periods: windows move forward with the key, so stop at the first one already closed.
  let key = current;
  for (let i = 0; i < MAX_SCAN; i += 1) {
    const window = periodWindow(form, key, tz);
    if (window.closesAt.getTime() <= at) break;
    if (isOpen(window)) found.unshift(window);
    key = previousPeriodKey(key);
  }
  // Later periods (a schedule may open before the period starts): stop at the first not yet open.
  key = nextPeriodKey(current);
  for (let i = 0; i < MAX_SCAN; i += 1) {
    const window = periodWindow(form, key, tz);
    if (window.opensAt.getTime() > at) break;
    if (isOpen(window)) found.push(window);
    key = nextPeriodKey(key);
  }
  return found;
}
