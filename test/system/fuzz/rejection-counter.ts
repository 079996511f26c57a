/**
 * Counts promise rejections nobody handled while a suite runs: a fuzz case that leaves one behind
 * (a fire-and-forget promise that failed) is a bug even when every request was answered.
 */
import { afterAll, beforeAll } from 'vitest';

/** Installs a `process.on('unhandledRejection')` counter for the enclosing suite; read `.count` and `.reasons`. */
export function countUnhandledRejections(): { count: number; reasons: unknown[] } {
  const seen = { count: 0, reasons: [] as unknown[] };
  const listener = (reason: unknown) => {
    seen.count += 1;
    if (seen.reasons.length < 5) seen.reasons.push(reason);
  };
  beforeAll(() => {
    process.on('unhandledRejection', listener);
  });
  afterAll(() => {
    process.off('unhandledRejection', listener);
  });
  return seen;
}
