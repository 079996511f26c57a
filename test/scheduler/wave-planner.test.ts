import { describe, expect, it } from 'vitest';
import { cronInstants, parseCronSchedule } from '../../src/scheduler/cron-schedule.ts';
import { isQuiet, nextAllowedInstant, parseQuietRules } from '../../src/scheduler/quiet-hours.ts';
import { plannedWaves, type PlannerSettings } from '../../src/scheduler/wave-planner.ts';
import { shippedForms } from './scheduling-fixtures.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const hanoi = (local: string) => new Date(`${local}+07:00`);
const settings = (quiet = '21:00-07:00', weekends = false, digest = '0 8 * * 1'): PlannerSettings => ({
  timeZone: TZ,
  quiet: parseQuietRules(quiet, weekends),
  digest: parseCronSchedule(digest),
});

describe('quiet hours', () => {
  const rules = parseQuietRules('21:00-07:00', false);

  it('should hold a wave due at night until 07:00 the next morning', () => {
    expect(nextAllowedInstant(hanoi('2026-11-05T21:30:00'), rules, TZ)).toEqual(hanoi('2026-11-06T07:00:00'));
    expect(nextAllowedInstant(hanoi('2026-11-06T06:59:00'), rules, TZ)).toEqual(hanoi('2026-11-06T07:00:00'));
    expect(nextAllowedInstant(hanoi('2026-11-06T07:00:00'), rules, TZ)).toEqual(hanoi('2026-11-06T07:00:00'));
    expect(nextAllowedInstant(hanoi('2026-11-06T20:59:00'), rules, TZ)).toEqual(hanoi('2026-11-06T20:59:00'));
  });

  it('should hold a weekend wave until Monday 07:00 when weekends are quiet', () => {
    const weekends = parseQuietRules('21:00-07:00', true);
    expect(isQuiet(hanoi('2026-11-07T10:00:00'), weekends, TZ)).toBe(true);
    expect(nextAllowedInstant(hanoi('2026-11-07T10:00:00'), weekends, TZ)).toEqual(hanoi('2026-11-09T07:00:00'));
    expect(nextAllowedInstant(hanoi('2026-11-06T22:00:00'), weekends, TZ)).toEqual(hanoi('2026-11-09T07:00:00'));
  });

  it('should disable quiet hours with off, and handle a window that does not cross midnight', () => {
    const off = parseQuietRules('off', false);
    expect(nextAllowedInstant(hanoi('2026-11-05T23:30:00'), off, TZ)).toEqual(hanoi('2026-11-05T23:30:00'));
    const lunch = parseQuietRules('12:00-13:30', false);
    expect(nextAllowedInstant(hanoi('2026-11-05T12:10:00'), lunch, TZ)).toEqual(hanoi('2026-11-05T13:30:00'));
  });
});

describe('cron schedule', () => {
  it('should list the Monday 08:00 digests of November 2026 in Hanoi time', () => {
    const instants = cronInstants(parseCronSchedule('0 8 * * 1'), hanoi('2026-11-01T00:00:00'), hanoi('2026-12-01T00:00:00'), TZ);
    expect(instants).toEqual(['02', '09', '16', '23', '30'].map((day) => hanoi(`2026-11-${day}T08:00:00`)));
  });

  it('should treat both restricted day fields as either one, like cron', () => {
    const instants = cronInstants(parseCronSchedule('0 9 1 * 0'), hanoi('2026-11-01T00:00:00'), hanoi('2026-11-16T00:00:00'), TZ);
    expect(instants).toEqual([hanoi('2026-11-01T09:00:00'), hanoi('2026-11-08T09:00:00'), hanoi('2026-11-15T09:00:00')]);
  });
});

describe('wave planner', () => {
  const forms = shippedForms();
  const monthly = forms.get('monthly_figures');
  const weekly = forms.get('weekly_status');
  if (!monthly || !weekly) throw new Error('shipped forms missing');

  it("should plan the monthly form's opening, reminder ladder and escalation exactly", () => {
    const waves = plannedWaves([monthly], hanoi('2026-11-01T00:00:00'), hanoi('2026-11-30T00:00:00'), settings());
    const table = waves.filter((w) => w.job !== 'digest').map((w) => [w.key, w.sendAt.toISOString()]);
    expect(table).toEqual([
      ['open:monthly_figures:2026-10:open', hanoi('2026-11-01T08:00:00').toISOString()],
      ['reminder:monthly_figures:2026-10:d-2', hanoi('2026-11-03T17:00:00').toISOString()],
      ['reminder:monthly_figures:2026-10:d-1', hanoi('2026-11-04T17:00:00').toISOString()],
      ['reminder:monthly_figures:2026-10:d0', hanoi('2026-11-05T17:00:00').toISOString()],
      ['reminder:monthly_figures:2026-10:d+1', hanoi('2026-11-06T17:00:00').toISOString()],
      ['reminder:monthly_figures:2026-10:d+2', hanoi('2026-11-07T17:00:00').toISOString()],
      ['escalation:monthly_figures:2026-10:escalation', hanoi('2026-11-08T17:00:00').toISOString()],
      ['reminder:monthly_figures:2026-10:d+3', hanoi('2026-11-08T17:00:00').toISOString()],
      ...[4, 5, 6, 7, 8, 9].map((d) => [`reminder:monthly_figures:2026-10:d+${d}`, hanoi(`2026-11-${String(5 + d).padStart(2, '0')}T17:00:00`).toISOString()]),
    ]);
  });

  it('should plan the weekly form: Thursday opening, Thursday and Friday reminders, Monday escalation', () => {
    const waves = plannedWaves([weekly], hanoi('2026-11-09T00:00:00'), hanoi('2026-11-16T00:00:00'), settings());
    expect(waves.filter((w) => w.job !== 'digest').map((w) => [w.key, w.sendAt.toISOString()])).toEqual([
      ['escalation:weekly_status:2026-W45:escalation', hanoi('2026-11-09T17:00:00').toISOString()],
      ['open:weekly_status:2026-W46:open', hanoi('2026-11-12T08:00:00').toISOString()],
      ['reminder:weekly_status:2026-W46:d-1', hanoi('2026-11-12T17:00:00').toISOString()],
      ['reminder:weekly_status:2026-W46:d0', hanoi('2026-11-13T17:00:00').toISOString()],
    ]);
  });

  it('should move a digest planned in quiet hours to the next allowed minute', () => {
    const waves = plannedWaves([], hanoi('2026-11-01T00:00:00'), hanoi('2026-11-10T00:00:00'), settings('21:00-07:00', false, '30 22 * * 0'));
    expect(waves.map((w) => [w.key, w.sendAt.toISOString()])).toEqual([
      ['digest:-:-:2026-11-01T22:30', hanoi('2026-11-02T07:00:00').toISOString()],
      ['digest:-:-:2026-11-08T22:30', hanoi('2026-11-09T07:00:00').toISOString()],
    ]);
  });

  it('should collapse reminders pushed to the same minute by quiet weekends, and never plan one after closing', () => {
    const waves = plannedWaves([monthly], hanoi('2026-11-01T00:00:00'), hanoi('2026-11-30T00:00:00'), settings('21:00-07:00', true));
    const reminders = waves.filter((w) => w.job === 'reminder');
    // Saturday 7 and Sunday 8 both wait for Monday 9 at 07:00: one reminder then, not two.
    expect(reminders.filter((w) => w.sendAt.getTime() === hanoi('2026-11-09T07:00:00').getTime()).map((w) => w.wave)).toEqual(['d+3']);
    for (const wave of waves) expect(isQuiet(wave.sendAt, parseQuietRules('21:00-07:00', true), TZ)).toBe(false);
    for (const wave of reminders) expect(wave.sendAt.getTime()).toBeLessThan(wave.window?.closesAt.getTime() ?? 0);
  });
});
