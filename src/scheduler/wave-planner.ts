/**
 * What is due, and when: the pure half of the scheduler. Given the forms, a time range and the
 * settings, it lists every wave (a period opening, a reminder, an escalation, a digest) whose send
 * time falls in the range, each with the unique key its job run is recorded under. No I/O, so a
 * whole month can be planned and checked in a test.
 */
import { DateTime } from 'luxon';
import { escalationTime, nextPeriodKey, periodKeyAt, periodWindow, previousPeriodKey, reminderTimes, type Form, type PeriodWindow } from '../domain/index.ts';
import { jobRunKey } from '../app/reminder-wave.ts';
import { cronInstants, type CronSchedule } from './cron-schedule.ts';
import { nextAllowedInstant, type QuietRules } from './quiet-hours.ts';

/** The scheduled jobs. */
export type JobName = 'open' | 'reminder' | 'escalation' | 'digest';

/** One wave of one job: what to do, when it was planned for, and when it may actually go out. */
export interface PlannedWave {
  /** Unique per job, form, period and wave: the JobRun key. */
  key: string;
  job: JobName;
  formId: string | null;
  periodKey: string | null;
  /** `open`, `d-2`, `d0`, `d+3` (days from due), `escalation`, or the digest's local minute. */
  wave: string;
  /** The moment the form's schedule (or the digest's cron) names. */
  plannedFor: Date;
  /** plannedFor moved out of quiet hours. */
  sendAt: Date;
  /** The period's window, for form jobs. */
  window: PeriodWindow | null;
}

/** Everything the planner needs besides the forms. */
export interface PlannerSettings {
  timeZone: string;
  quiet: QuietRules;
  digest: CronSchedule;
}

const DAY_MS = 86_400_000;
/** Quiet hours and weekends can push a wave this far at most. */
const QUIET_SLACK_MS = 4 * DAY_MS;

/** The JobRun key of a wave. */
export const waveKey = jobRunKey;

/** Days from due as a wave name: -2 → `d-2`, 0 → `d0`, 3 → `d+3`. */
export function reminderWaveName(at: Date, dueAt: Date): string {
  const days = Math.round((at.getTime() - dueAt.getTime()) / DAY_MS);
  return days > 0 ? `d+${days}` : `d${days}`;
}

/** Every wave whose send time is in (from, to], oldest first. */
export function plannedWaves(forms: readonly Form[], from: Date, to: Date, settings: PlannerSettings): PlannedWave[] {
  const waves: PlannedWave[] = [];
  for (const form of forms) {
    for (const window of windowsNear(form, from, to, settings.timeZone)) waves.push(...formWaves(form, window, settings));
  }
  for (const at of cronInstants(settings.digest, new Date(from.getTime() - QUIET_SLACK_MS), to, settings.timeZone)) {
    const wave = DateTime.fromJSDate(at, { zone: settings.timeZone }).toFormat("yyyy-LL-dd'T'HH:mm");
    waves.push({ key: waveKey('digest', null, null, wave), job: 'digest', formId: null, periodKey: null, wave, plannedFor: at, sendAt: nextAllowedInstant(at, settings.quiet, settings.timeZone), window: null });
  }
  return waves
    .filter((wave) => wave.sendAt.getTime() > from.getTime() && wave.sendAt.getTime() <= to.getTime())
    .sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime() || a.key.localeCompare(b.key));
}

/** The last moment any wave of a period is planned for. */
function lastWaveOf(form: Form, window: PeriodWindow, timeZone: string): number {
  const escalation = escalationTime(form.escalateAfterDays, window, timeZone);
  return Math.max(window.closesAt.getTime(), escalation?.getTime() ?? 0);
}

/** The periods of a form that can have a wave in (from, to]. */
function windowsNear(form: Form, from: Date, to: Date, timeZone: string): PeriodWindow[] {
  const found: PeriodWindow[] = [];
  const start = periodKeyAt(form.period, from, timeZone);
  let key = previousPeriodKey(start);
  for (let guard = 0; guard < 400; guard += 1, key = previousPeriodKey(key)) {
    const window = periodWindow(form, key, timeZone);
    if (lastWaveOf(form, window, timeZone) + QUIET_SLACK_MS < from.getTime()) break;
    found.unshift(window);
  }
  key = start;
  for (let guard = 0; guard < 400; guard += 1, key = nextPeriodKey(key)) {
    const window = periodWindow(form, key, timeZone);
    if (window.opensAt.getTime() > to.getTime()) break;
    found.push(window);
  }
  return found;
}

/** The opening, the reminders and the escalation of one period, moved out of quiet hours. */
function formWaves(form: Form, window: PeriodWindow, settings: PlannerSettings): PlannedWave[] {
  const { timeZone, quiet } = settings;
  const make = (job: JobName, wave: string, plannedFor: Date): PlannedWave => ({
    key: waveKey(job, form.id, window.key, wave),
    job,
    formId: form.id,
    periodKey: window.key,
    wave,
    plannedFor,
    sendAt: nextAllowedInstant(plannedFor, quiet, timeZone),
    window,
  });
  const waves: PlannedWave[] = [];
  const open = make('open', 'open', window.opensAt);
  if (open.sendAt < window.closesAt) waves.push(open);
  // Reminders pushed to the same minute by quiet hours collapse into the latest one; none after closing.
  const reminders = new Map<number, PlannedWave>();
  for (const at of reminderTimes(form.reminders, window, timeZone)) {
    const wave = make('reminder', reminderWaveName(at, window.dueAt), at);
    if (wave.sendAt < window.closesAt && wave.sendAt > open.sendAt) reminders.set(wave.sendAt.getTime(), wave);
  }
  waves.push(...reminders.values());
  const escalation = escalationTime(form.escalateAfterDays, window, timeZone);
  if (escalation) waves.push(make('escalation', 'escalation', escalation));
  return waves;
}
