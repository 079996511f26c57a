/**
 * The long-polling loop over Zalo's `getUpdates`.
 *
 * The platform answers one update per call, has no offset (a message can come again) and answers
 * 408 when nothing arrived. This loop polls again at once after an empty answer, backs off with
 * jitter on throttling, server and network failures, stops for good on 401 (a wrong token cannot
 * heal), and hands updates to the handler one at a time. Recognising a message delivered again is
 * the inbound pipeline's job, as for every channel.
 */
import type { ZaloClient } from './zalo-client.ts';
import { ZaloApiError } from './zalo-errors.ts';
import { backoffDelay, sleep as realSleep, type BackoffOptions, type Sleep } from './zalo-retry.ts';
import type { ZaloUpdate } from './zalo-types.ts';

/** Where a reported, non-fatal error came from. */
export type ZaloPollerErrorSource = 'poll' | 'malformed_update' | 'handler';

/** Options of `ZaloPoller`. */
export interface ZaloPollerOptions {
  client: Pick<ZaloClient, 'getUpdates'>;
  /** Handles one update; the next is not read until this settles. The signal aborts on `stop()`. */
  onUpdate: (update: ZaloUpdate, context: { signal: AbortSignal }) => Promise<void>;
  /** Non-fatal problems: the loop keeps going after each. */
  onError?: (error: unknown, source: ZaloPollerErrorSource) => void;
  /** The loop stopped for good (401: the token is wrong). The message names no token. */
  onFatal?: (error: ZaloApiError) => void;
  /** The long-poll `timeout` sent to the platform, in seconds. Default 30. */
  pollTimeoutSeconds?: number;
  /** Backoff after failed polls. Default 1 s doubling up to 60 s, with jitter. */
  backoff?: BackoffOptions;
  sleep?: Sleep;
}

/** Counters for logs and benchmarks. */
export interface ZaloPollerStats {
  polls: number;
  updates: number;
  failures: number;
}

/** Runs the loop; `start()` begins it and `stop()` ends it, cancelling the in-flight poll. */
export class ZaloPoller {
  readonly stats: ZaloPollerStats = { polls: 0, updates: 0, failures: 0 };
  readonly #options: ZaloPollerOptions;
  #controller: AbortController | undefined;
  #loop: Promise<void> | undefined;

  constructor(options: ZaloPollerOptions) {
    const timeout = options.pollTimeoutSeconds ?? 30;
    if (!Number.isInteger(timeout) || timeout < 0 || timeout > 300) throw new RangeError('ZaloPoller: pollTimeoutSeconds must be whole seconds in 0..300');
    this.#options = options;
  }

  /** Whether the loop is running. */
  get running(): boolean {
    return this.#loop !== undefined;
  }

  /** Starts the loop (idempotent). The promise resolves when the loop ends; it never rejects. */
  start(): Promise<void> {
    if (this.#loop !== undefined) return this.#loop;
    const controller = new AbortController();
    this.#controller = controller;
    const loop = this.#run(controller.signal).finally(() => {
      if (this.#loop === loop) this.#loop = undefined;
    });
    this.#loop = loop;
    return loop;
  }

  /** Cancels the in-flight poll, waits for the current handler to settle and the loop to end. */
  async stop(): Promise<void> {
    const loop = this.#loop;
    this.#controller?.abort();
    if (loop !== undefined) await loop;
  }

  async #run(signal: AbortSignal): Promise<void> {
    const { client, pollTimeoutSeconds = 30 } = this.#options;
    const backoff = { baseDelayMs: 1000, maxDelayMs: 60_000, ...this.#options.backoff };
    const wait = this.#options.sleep ?? realSleep;
    let failures = 0;
    while (!signal.aborted) {
      this.stats.polls += 1;
      let poll;
      try {
        poll = await client.getUpdates({ timeout: pollTimeoutSeconds }, { signal });
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof ZaloApiError && error.kind === 'unauthorized') {
          this.#fatal(error);
          break;
        }
        failures += 1;
        this.stats.failures += 1;
        this.#report(error, 'poll');
        const retryAfter = error instanceof ZaloApiError ? error.retryAfterMs : undefined;
        await wait(backoffDelay(failures, backoff, retryAfter), signal).catch(() => undefined);
        continue;
      }
      for (const malformed of poll.malformed) this.#report(malformed, 'malformed_update');
      for (const update of poll.updates) await this.#dispatch(update, signal);
    }
  }

  async #dispatch(update: ZaloUpdate, signal: AbortSignal): Promise<void> {
    try {
      await this.#options.onUpdate(update, { signal });
    } catch (error) {
      this.#report(error, 'handler');
      return;
    }
    this.stats.updates += 1;
  }

  #report(error: unknown, source: ZaloPollerErrorSource): void {
    try {
      this.#options.onError?.(error, source);
    } catch {
      // A throwing error callback must not end the loop.
    }
  }

  #fatal(error: ZaloApiError): void {
    try {
      if (this.#options.onFatal !== undefined) this.#options.onFatal(error);
      else this.#options.onError?.(error, 'poll');
    } catch {
      // Nothing left to report to.
    }
  }
}
