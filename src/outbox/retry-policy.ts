/**
 * When to try a failed message again and when to give up: exponential backoff with "equal jitter"
 * (half the step fixed, half random) so that a wave failing together does not retry together.
 */

/** The retry settings of the sender. */
export interface RetryPolicy {
  /** Delivery attempts (throttled ones included) before a message is dead-lettered. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}

/** Production defaults: 8 attempts, 2 s doubling up to 15 minutes (about an hour in all). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 2000, maxDelayMs: 15 * 60_000 };

/** Throttling is not the message's fault: it may be retried this many times more than other failures. */
export const THROTTLED_ATTEMPTS_FACTOR = 4;

/** The wait before the next attempt after `attempt` failed attempts (1-based). */
export function retryDelayMs(attempt: number, policy: RetryPolicy): number {
  const random = policy.random ?? Math.random;
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(Math.max(0, attempt - 1), 30));
  return Math.round(step / 2 + random() * (step / 2));
}
