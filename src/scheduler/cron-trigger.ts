/**
 * node-cron as the scheduler's only timer: once a minute, in the province's time zone, it calls
 * `tick(clock.now())`. Everything else (what is due, quiet hours, the digest's own schedule) is
 * decided by the planner, so the timer can be replaced by a test calling `tick` directly.
 */
import { schedule, type ScheduledTask } from 'node-cron';
import type { Clock } from '../app/ports.ts';
import type { Logger } from '../logging/logger.ts';
import type { SchedulerRunner } from './scheduler-runner.ts';

/** Starts and stops the minute timer around a runner. */
export class CronTrigger {
  #task: ScheduledTask | undefined;
  #inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly runner: SchedulerRunner,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly logger: Pick<Logger, 'error'>,
  ) {}

  /** Catches up what was missed while the bot was down, then ticks every minute. */
  async start(): Promise<void> {
    await this.runner.catchUp(this.clock.now());
    this.#task = schedule(
      '* * * * *',
      () => {
        this.#inFlight = this.runner.tick(this.clock.now()).catch((error: unknown) => this.logger.error({ err: error }, 'scheduler tick failed'));
        return this.#inFlight;
      },
      { timezone: this.timeZone, noOverlap: true, name: 'baocao-scheduler' },
    );
  }

  /** Stops the timer and waits for a tick in progress. */
  async stop(): Promise<void> {
    const task = this.#task;
    this.#task = undefined;
    if (task) await task.destroy();
    await this.#inFlight;
  }
}
