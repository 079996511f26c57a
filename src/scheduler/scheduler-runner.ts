/**
 * The working half of the scheduler: `tick(now)` asks the planner what is due, leaves out what has a
 * job run already, and runs the rest, oldest first. node-cron calls it every minute; tests call it
 * with any instant. `catchUp(now)` at start-up records the waves missed too long ago as skipped.
 *
 * Quiet hours hold for every wave, caught-up ones included: a tick in a quiet time runs nothing and
 * records nothing; the waves it found wait, and the first tick at the next allowed minute runs them,
 * even if by then they are older than the catch-up window (the wait is not their fault).
 */
import type { Logger } from '../logging/logger.ts';
import type { DigestComposer } from '../app/digest-composer.ts';
import { runDigestWave } from '../app/digest-wave.ts';
import type { RecipientDirectory, WaveStore } from '../app/notification-ports.ts';
import { runFormWave, type WaveOutcome } from '../app/reminder-wave.ts';
import type { Form } from '../domain/index.ts';
import { isQuiet, nextAllowedInstant } from './quiet-hours.ts';
import { plannedWaves, type PlannedWave, type PlannerSettings } from './wave-planner.ts';

const HOUR_MS = 3_600_000;
/** Even with CATCH_UP_HOURS=0 a tick looks this far back, so a late timer loses nothing. */
const MIN_LOOKBACK_MS = 10 * 60_000;
/** How far back start-up looks for missed waves to record as skipped. */
const MAX_SKIP_LOOKBACK_MS = 31 * 24 * HOUR_MS;

/** What the runner needs. */
export interface SchedulerDeps {
  forms: () => readonly Form[];
  settings: PlannerSettings;
  catchUpHours: number;
  store: WaveStore;
  recipients: RecipientDirectory;
  composer: DigestComposer;
  logger?: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
  /** Called after a wave wrote messages, e.g. to wake the outbox sender. */
  onMessages?: () => void;
}

/** One wave's result in a tick. */
export interface WaveReport {
  key: string;
  job: PlannedWave['job'];
  status: WaveOutcome['status'] | 'failed';
  messages: number;
}

/** Runs due waves; one tick at a time. */
export class SchedulerRunner {
  #chain: Promise<unknown> = Promise.resolve();
  /** Waves found in a quiet time: looked for again from `from` once `until` (the next allowed minute) has come. */
  #held: { from: Date; until: Date } | null = null;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Runs every wave due at `now` (within the catch-up window) that has not run yet. */
  tick(now: Date): Promise<WaveReport[]> {
    const work = this.#chain.then(() => this.#tick(now));
    this.#chain = work.catch(() => undefined);
    return work;
  }

  /**
   * At start-up: waves missed since the last recorded run but older than CATCH_UP_HOURS are recorded
   * as skipped (and logged); then a tick catches up the recent ones.
   */
  catchUp(now: Date): Promise<WaveReport[]> {
    const work = this.#chain.then(async () => {
      await this.#recordTooOld(now);
      return this.#tick(now);
    });
    this.#chain = work.catch(() => undefined);
    return work;
  }

  /** Waves due in (from, to] as the planner sees them, for `jobs list`. */
  plan(from: Date, to: Date): PlannedWave[] {
    return plannedWaves(this.deps.forms(), from, to, this.deps.settings);
  }

  #lookbackMs(): number {
    return Math.max(this.deps.catchUpHours * HOUR_MS, MIN_LOOKBACK_MS);
  }

  async #tick(now: Date): Promise<WaveReport[]> {
    const lookbackStart = new Date(now.getTime() - this.#lookbackMs());
    const from = this.#held && this.#held.from < lookbackStart ? this.#held.from : lookbackStart;
    const due = this.plan(from, now);
    if (due.length === 0) return [];
    const done = await this.deps.store.existingKeys(due.map((wave) => wave.key));
    const pending = due.filter((w) => !done.has(w.key));
    if (pending.length === 0) return [];
    const { quiet, timeZone } = this.deps.settings;
    if (isQuiet(now, quiet, timeZone)) {
      const until = nextAllowedInstant(now, quiet, timeZone);
      this.#held = { from: this.#held && this.#held.from < from ? this.#held.from : from, until };
      this.deps.logger?.info({ waves: pending.map((wave) => wave.key), until: until.toISOString() }, 'quiet hours: missed waves wait for the next allowed minute');
      return [];
    }
    const reports: WaveReport[] = [];
    for (const wave of pending) {
      try {
        const outcome = await this.#run(wave, now);
        reports.push({ key: wave.key, job: wave.job, status: outcome.status, messages: outcome.messages });
        // A wave that wrote nothing (everyone submitted, or no one reachable) is not news for the operator.
        const log = outcome.messages > 0 ? this.deps.logger?.info : this.deps.logger?.debug;
        log?.call(this.deps.logger, { wave: wave.key, status: outcome.status, ...outcome.detail }, 'scheduled wave');
        if (outcome.messages > 0) this.deps.onMessages?.();
      } catch (error) {
        reports.push({ key: wave.key, job: wave.job, status: 'failed', messages: 0 });
        this.deps.logger?.error({ err: error, wave: wave.key }, 'scheduled wave failed; retried on the next tick');
      }
    }
    // Held waves are let go once they all ran; a failed one is looked for again on the next tick.
    if (reports.every((report) => report.status !== 'failed')) this.#held = null;
    return reports;
  }

  async #run(wave: PlannedWave, now: Date): Promise<WaveOutcome> {
    const { store, recipients, composer, settings } = this.deps;
    if (wave.job === 'digest') return runDigestWave({ store, recipients, composer }, wave, now);
    const form = this.deps.forms().find((candidate) => candidate.id === wave.formId);
    if (!form || !wave.window) {
      await store.recordSkipped(this.#record(wave, { reason: 'form_gone' }), now);
      return { status: 'skipped', messages: 0, detail: { reason: 'form_gone' } };
    }
    return runFormWave({ store, recipients, timeZone: settings.timeZone }, wave, form, wave.window, now);
  }

  async #recordTooOld(now: Date): Promise<void> {
    const latest = await this.deps.store.latestScheduledFor();
    if (!latest) return;
    const from = new Date(Math.max(latest.getTime() - 1, now.getTime() - MAX_SKIP_LOOKBACK_MS));
    const to = new Date(now.getTime() - this.#lookbackMs());
    if (from >= to) return;
    const missed = this.plan(from, to);
    const done = await this.deps.store.existingKeys(missed.map((wave) => wave.key));
    for (const wave of missed.filter((w) => !done.has(w.key))) {
      await this.deps.store.recordSkipped(this.#record(wave, { reason: 'too_old', sendAt: wave.sendAt.toISOString() }), now);
      this.deps.logger?.warn({ wave: wave.key, sendAt: wave.sendAt.toISOString() }, 'missed wave too old to catch up; recorded as skipped');
    }
  }

  #record(wave: PlannedWave, detail: Record<string, unknown>) {
    return { key: wave.key, job: wave.job, formId: wave.formId, periodKey: wave.periodKey, wave: wave.wave, scheduledFor: wave.plannedFor, detail };
  }
}
