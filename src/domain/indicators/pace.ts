/**
 * Pro-rating of year-to-date targets: 3 % of last year's members admitted over the whole year
 * means about 1.5 % by the end of June. The day of year counts today as elapsed, so on
 * 1 January 1/365 of the target is expected and on 31 December all of it.
 */
import { DateTime } from 'luxon';
import type { IndicatorPace } from './indicator-types.ts';

/** Share of the local calendar year elapsed at an instant, by day: ordinal day / days in year. */
export function yearFraction(at: Date, tz: string): number {
  const local = DateTime.fromJSDate(at, { zone: tz });
  if (!local.isValid) throw new Error(`invalid time zone: ${tz}`);
  return local.ordinal / local.daysInYear;
}

/** Expected numerator by now and how far the actual numerator is from it. */
export function computePace(numerator: number, denominator: number, target: number, fraction: number): IndicatorPace {
  const expectedByNow = target * denominator * fraction;
  return { yearFraction: fraction, expectedByNow, ratioOfExpected: expectedByNow > 0 ? numerator / expectedByNow : null };
}
