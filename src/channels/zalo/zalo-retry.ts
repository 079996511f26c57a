/**
 * Retrying a Zalo call: exponential backoff with jitter on throttling, server errors and
 * network failures; everything else (401 above all) fails at once.
 */
import { ZaloApiError } from './zalo-errors.ts';

/** Waits `ms`, or rejects early when `signal` aborts. Injectable so tests do not wait. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The real sleep: a timer that an abort signal cancels. */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** How long to wait between attempts. */
export interface BackoffOptions {
  /** Delay before the first retry, before jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound of any delay. Default 30 s. */
  maxDelayMs?: number;
  /** Source of jitter in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/**
 * The delay before retry number `attempt` (1-based): the exponential step, halved, plus a random
 * share of the other half ("equal jitter"), so that many clients throttled together spread out.
 * A platform-given wait (`retryAfterMs`) is honoured when longer.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, retryAfterMs?: number): number {
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  const step = Math.min(max, base * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  const delay = Math.round(step / 2 + random() * (step / 2));
  return Math.min(max, Math.max(delay, retryAfterMs ?? 0));
}

/** Whether an error thrown by the client is worth another attempt. */
export function isRetryableZaloError(error: unknown): boolean {
  return error instanceof ZaloApiError && error.retryable;
}

/** Options of `withRetry`. */
export interface RetryOptions extends BackoffOptions {
  /** Total attempts including the first. Default 4. */
  attempts?: number;
  sleep?: Sleep;
  signal?: AbortSignal;
  /** Called before each wait, e.g. to log the throttling. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/**
 * Runs `fn` until it succeeds, fails with a non-retryable error, or `attempts` are used up;
 * the last error is rethrown unchanged. `fn` receives the 1-based attempt number.
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, Math.floor(options.attempts ?? 4));
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= attempts || !isRetryableZaloError(error) || options.signal?.aborted) throw error;
      const retryAfter = error instanceof ZaloApiError ? error.retryAfterMs : undefined;
      const delay = backoffDelay(attempt, options, retryAfter);
      options.onRetry?.(error, attempt, delay);
      await wait(delay, options.signal);
    }
  }
}
