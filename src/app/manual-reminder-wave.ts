/**
 * An operator's reminder wave (`reminders send`): the same rules as the scheduled ones (only units
 * that have not submitted, through the outbox, away contacts skipped), but keyed with the time it
 * was asked for, so it may be repeated on purpose.
 */
import { openPeriods, parsePeriodKey, periodWindow, type Form, type PeriodWindow } from '../domain/index.ts';
import { AppError } from '../shared/app-error.ts';
import { jobRunKey, runFormWave, type FormWaveDeps, type WaveOutcome } from './reminder-wave.ts';

/** Manual waves are named `manual@<ISO instant>`; the scheduler's look-back ignores them. */
export const MANUAL_WAVE_PREFIX = 'manual@';

/**
 * The period asked for, or the form's open period due first; errors name what is wrong. A period
 * that is not open now (closed long ago, or not opened yet) is refused with its window and the
 * periods open now: reminding every reporter of a period they can no longer (or not yet) report on
 * would only confuse them.
 */
export function choosePeriod(
  form: Form,
  periodKey: string | undefined,
  now: Date,
  timeZone: string,
  formatInstant: (instant: Date) => string = (instant) => instant.toISOString(),
): PeriodWindow {
  const open = openPeriods(form, now, timeZone).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  if (periodKey !== undefined) {
    const parsed = parsePeriodKey(periodKey);
    if (!parsed.ok || parsed.key.type !== form.period) throw new AppError('jobs.bad_period', { period: periodKey, form: form.id });
    const window = periodWindow(form, periodKey, timeZone);
    const isOpen = window.opensAt.getTime() <= now.getTime() && now.getTime() < window.closesAt.getTime();
    if (!isOpen) {
      const closed = window.closesAt.getTime() <= now.getTime();
      throw new AppError(closed ? 'jobs.period_closed' : 'jobs.period_not_open_yet', {
        period: window.key,
        form: form.id,
        opens: formatInstant(window.opensAt),
        closes: formatInstant(window.closesAt),
        open: open.map((candidate) => candidate.key).join(', ') || '—',
      });
    }
    return window;
  }
  const first = open[0];
  if (!first) throw new AppError('jobs.no_open_period', { form: form.id });
  return first;
}

/** Sends one reminder wave now; returns its key and what it did. */
export async function sendReminderWaveNow(deps: FormWaveDeps, form: Form, window: PeriodWindow, now: Date): Promise<WaveOutcome & { key: string }> {
  const wave = `${MANUAL_WAVE_PREFIX}${now.toISOString()}`;
  const key = jobRunKey('reminder', form.id, window.key, wave);
  const outcome = await runFormWave(deps, { key, job: 'reminder', formId: form.id, periodKey: window.key, wave, plannedFor: now }, form, window, now);
  return { ...outcome, key };
}
