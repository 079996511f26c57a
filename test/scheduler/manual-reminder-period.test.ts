import { describe, expect, it } from 'vitest';
import { choosePeriod } from '../../src/app/manual-reminder-wave.ts';
import { AppError } from '../../src/shared/app-error.ts';
import { shippedForm } from '../domain/form-fixtures.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const monthly = shippedForm('monthly_figures');
const weekly = shippedForm('weekly_status');

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('a manual reminder wave only for an open period', () => {
  const now = new Date('2026-11-04T03:00:00Z');

  it('accepts the open period, by key or by default', () => {
    expect(choosePeriod(monthly, '2026-10', now, TZ).key).toBe('2026-10');
    expect(choosePeriod(monthly, undefined, now, TZ).key).toBe('2026-10');
  });

  it.each([
    ['a period closed years ago', '2019-01', 'jobs.period_closed'],
    ['last month, closed a week ago', '2026-09', 'jobs.period_closed'],
    ['this month, opening in four weeks', '2026-11', 'jobs.period_not_open_yet'],
    ['a period far in the future', '2040-12', 'jobs.period_not_open_yet'],
  ])('refuses %s, naming it, its window and the open ones', (_name, key, code) => {
    const error = refusal(() => choosePeriod(monthly, key, now, TZ));
    expect(error.code).toBe(code);
    expect(error.params).toMatchObject({ period: key, form: 'monthly_figures', open: '2026-10' });
    expect(String(error.params.opens)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(String(error.params.closes)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('refuses at the very minute a period closes, and accepts the minute it opens', () => {
    const opens = new Date('2026-11-26T01:00:00Z'); // Thursday 08:00 of week 48
    const closes = new Date('2026-11-30T05:00:00Z'); // Monday 12:00 after it
    expect(choosePeriod(weekly, '2026-W48', opens, TZ).key).toBe('2026-W48');
    expect(refusal(() => choosePeriod(weekly, '2026-W48', closes, TZ)).code).toBe('jobs.period_closed');
    expect(refusal(() => choosePeriod(weekly, '2026-W48', new Date(opens.getTime() - 60_000), TZ)).code).toBe('jobs.period_not_open_yet');
  });

  it('formats the window with the caller’s formatter', () => {
    const error = refusal(() => choosePeriod(monthly, '2020-10', now, TZ, (instant) => `<${instant.getUTCFullYear()}>`));
    expect(error.params).toMatchObject({ opens: '<2020>', closes: '<2020>' });
  });
});
