import { describe, expect, it } from 'vitest';
import { isoWeeksInYear, parsePeriodKey, periodYear } from '../../src/domain/periods/period-key.ts';
import { nextPeriodKey, periodKeyAt, periodRange, previousPeriodKey } from '../../src/domain/periods/period-range.ts';
import { isLate, periodWindow } from '../../src/domain/periods/period-window.ts';
import { openPeriods } from '../../src/domain/periods/open-periods.ts';
import { escalationTime, reminderTimes } from '../../src/domain/periods/reminder-ladder.ts';
import type { ScheduledForm } from '../../src/domain/periods/period-window.ts';
import { shippedForm } from './form-fixtures.ts';

const HCM = 'Asia/Ho_Chi_Minh';
const iso = (d: Date): string => d.toISOString();

describe('period keys', () => {
  it.each([
    ['2026-W48', { type: 'weekly', year: 2026, index: 48 }],
    ['2026-W53', { type: 'weekly', year: 2026, index: 53 }],
    ['2020-W53', { type: 'weekly', year: 2020, index: 53 }],
    ['2026-11', { type: 'monthly', year: 2026, index: 11 }],
    ['2026-Q4', { type: 'quarterly', year: 2026, index: 4 }],
    ['2026', { type: 'yearly', year: 2026, index: 1 }],
  ])('parses %s', (key, expected) => {
    expect(parsePeriodKey(key)).toEqual({ ok: true, key: expected });
  });

  it.each(['2027-W53', '2021-W53', '2026-W54', '2026-W00', '2026-W5', '2026-13', '2026-00', '2026-Q5', '2026-Q0', '26-11', 'abc', '', '2026-11-01'])(
    'refuses %j with a code',
    (key) => {
      expect(parsePeriodKey(key)).toEqual({ ok: false, error: { code: 'forms.invalid_period_key', params: { key } } });
    },
  );

  it('knows which years have 53 ISO weeks', () => {
    expect([2020, 2021, 2025, 2026, 2027, 2032].map(isoWeeksInYear)).toEqual([53, 52, 52, 53, 52, 53]);
  });

  it('gives the year a week counts toward', () => {
    expect(periodYear('2026-W53')).toBe(2026);
    expect(periodYear('2027-W01')).toBe(2027);
  });
});

describe('periods across year ends and week 53', () => {
  it('2026-W53 runs from Monday 28/12/2026 to Monday 04/01/2027, local midnight', () => {
    const range = periodRange('2026-W53', HCM);
    expect(iso(range.start)).toBe('2026-12-27T17:00:00.000Z');
    expect(iso(range.end)).toBe('2027-01-03T17:00:00.000Z');
  });

  it('2027-W01 starts on 04/01/2027', () => {
    expect(iso(periodRange('2027-W01', 'UTC').start)).toBe('2027-01-04T00:00:00.000Z');
  });

  it('2020-W53 runs from 28/12/2020 to 04/01/2021', () => {
    const range = periodRange('2020-W53', 'UTC');
    expect([iso(range.start), iso(range.end)]).toEqual(['2020-12-28T00:00:00.000Z', '2021-01-04T00:00:00.000Z']);
  });

  it('1 January 2027 falls in 2026-W53, and 4 January in 2027-W01', () => {
    expect(periodKeyAt('weekly', new Date('2027-01-01T05:00:00Z'), HCM)).toBe('2026-W53');
    expect(periodKeyAt('weekly', new Date('2027-01-04T05:00:00Z'), HCM)).toBe('2027-W01');
    expect(periodKeyAt('weekly', new Date('2021-01-03T05:00:00Z'), HCM)).toBe('2020-W53');
  });

  it('uses the province’s calendar, not UTC, to place an instant', () => {
    const instant = new Date('2026-12-31T17:30:00Z'); // 00:30 on 1/1/2027 in Vietnam
    expect(periodKeyAt('monthly', instant, HCM)).toBe('2027-01');
    expect(periodKeyAt('monthly', instant, 'UTC')).toBe('2026-12');
    expect(periodKeyAt('quarterly', instant, HCM)).toBe('2027-Q1');
    expect(periodKeyAt('yearly', instant, HCM)).toBe('2027');
    expect(periodKeyAt('weekly', instant)).toBe('2026-W53');
  });

  it.each([
    ['2026-W52', '2026-W53'],
    ['2026-W53', '2027-W01'],
    ['2020-W53', '2021-W01'],
    ['2025-W52', '2026-W01'],
    ['2026-11', '2026-12'],
    ['2026-12', '2027-01'],
    ['2026-Q4', '2027-Q1'],
    ['2026', '2027'],
  ])('%s is followed by %s and back', (key, next) => {
    expect(nextPeriodKey(key)).toBe(next);
    expect(previousPeriodKey(next)).toBe(key);
  });

  it('months, quarters and years have the right ranges', () => {
    expect(iso(periodRange('2026-02', HCM).end)).toBe('2026-02-28T17:00:00.000Z');
    const q4 = periodRange('2026-Q4', HCM);
    expect([iso(q4.start), iso(q4.end)]).toEqual(['2026-09-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z']);
    expect(iso(periodRange('2026', HCM).start)).toBe('2025-12-31T17:00:00.000Z');
  });
});

describe('windows of the shipped forms in Asia/Ho_Chi_Minh', () => {
  const weekly = shippedForm('weekly_status');
  const monthly = shippedForm('monthly_figures');
  const yearly = shippedForm('yearly_ratings');

  it('weekly: opens Thursday 08:00, due Friday 17:00, closes the next Monday 12:00', () => {
    const w = periodWindow(weekly, '2026-W48', HCM);
    expect([iso(w.opensAt), iso(w.dueAt), iso(w.closesAt)]).toEqual([
      '2026-11-26T01:00:00.000Z',
      '2026-11-27T10:00:00.000Z',
      '2026-11-30T05:00:00.000Z',
    ]);
  });

  it('weekly across the year end: 2026-W53 closes on Monday 04/01/2027', () => {
    const w = periodWindow(weekly, '2026-W53', HCM);
    expect(iso(w.dueAt)).toBe('2027-01-01T10:00:00.000Z');
    expect(iso(w.closesAt)).toBe('2027-01-04T05:00:00.000Z');
  });

  it('monthly: due on the 5th of the next month at 17:00, even in December', () => {
    expect(iso(periodWindow(monthly, '2026-11', HCM).dueAt)).toBe('2026-12-05T10:00:00.000Z');
    const december = periodWindow(monthly, '2026-12', HCM);
    expect([iso(december.opensAt), iso(december.dueAt), iso(december.closesAt)]).toEqual([
      '2027-01-01T01:00:00.000Z',
      '2027-01-05T10:00:00.000Z',
      '2027-01-15T10:00:00.000Z',
    ]);
  });

  it('yearly: opens 1 December, due 15 January, closes 1 March', () => {
    const w = periodWindow(yearly, '2026', HCM);
    expect([iso(w.opensAt), iso(w.dueAt), iso(w.closesAt)]).toEqual([
      '2026-12-01T01:00:00.000Z',
      '2027-01-15T10:00:00.000Z',
      '2027-03-01T10:00:00.000Z',
    ]);
  });

  it('refuses a key of another period type', () => {
    expect(() => periodWindow(monthly, '2026-W48', HCM)).toThrow();
  });

  it('a report on the due minute is on time, one second later it is late', () => {
    const w = periodWindow(weekly, '2026-W48', HCM);
    expect(isLate(w, new Date('2026-11-27T10:00:00Z'))).toBe(false);
    expect(isLate(w, new Date('2026-11-27T10:00:01Z'))).toBe(true);
  });
});

describe('openPeriods', () => {
  const weekly = shippedForm('weekly_status');
  const monthly = shippedForm('monthly_figures');

  it('has nothing open early in the week before Thursday except last week until Monday noon', () => {
    expect(openPeriods(weekly, new Date('2026-11-30T04:59:00Z'), HCM).map((w) => w.key)).toEqual(['2026-W48']);
    expect(openPeriods(weekly, new Date('2026-11-30T05:00:00Z'), HCM)).toEqual([]);
    expect(openPeriods(weekly, new Date('2026-12-03T01:00:00Z'), HCM).map((w) => w.key)).toEqual(['2026-W49']);
  });

  it('keeps last month open until the 15th', () => {
    expect(openPeriods(monthly, new Date('2026-12-10T03:00:00Z'), HCM).map((w) => w.key)).toEqual(['2026-11']);
  });

  it('lists several periods when windows overlap, oldest first', () => {
    const overlapping: ScheduledForm = {
      period: 'weekly',
      schedule: {
        opens: { from: 'start', offsetDays: 0, time: '00:00' },
        due: { from: 'start', offsetDays: 4, time: '17:00' },
        closes: { from: 'end', offsetDays: 9, time: '00:00' },
      },
    };
    const tuesday = new Date('2027-01-05T03:00:00Z');
    expect(openPeriods(overlapping, tuesday, HCM).map((w) => w.key)).toEqual(['2026-W52', '2026-W53', '2027-W01']);
  });

  it('finds a period that opens before it starts', () => {
    const yearly = shippedForm('yearly_ratings');
    expect(openPeriods(yearly, new Date('2026-12-15T03:00:00Z'), HCM).map((w) => w.key)).toEqual(['2026']);
    expect(openPeriods(yearly, new Date('2027-02-15T03:00:00Z'), HCM).map((w) => w.key)).toEqual(['2026']);
    expect(openPeriods(yearly, new Date('2027-06-15T03:00:00Z'), HCM)).toEqual([]);
  });
});

describe('reminders and escalation', () => {
  const monthly = shippedForm('monthly_figures');

  it('reminds 2 and 1 days before, on the due day, then daily until close', () => {
    const w = periodWindow(monthly, '2026-11', HCM);
    const times = reminderTimes(monthly.reminders, w, HCM).map(iso);
    expect(times.slice(0, 4)).toEqual([
      '2026-12-03T10:00:00.000Z',
      '2026-12-04T10:00:00.000Z',
      '2026-12-05T10:00:00.000Z',
      '2026-12-06T10:00:00.000Z',
    ]);
    expect(times).toHaveLength(12);
    expect(times.at(-1)).toBe('2026-12-14T10:00:00.000Z');
  });

  it('escalates three days after the due moment', () => {
    const w = periodWindow(monthly, '2026-11', HCM);
    expect(iso(escalationTime(monthly.escalateAfterDays, w, HCM)!)).toBe('2026-12-08T10:00:00.000Z');
    expect(escalationTime(null, w, HCM)).toBeNull();
  });
});
