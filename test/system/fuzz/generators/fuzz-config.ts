/**
 * Run counts and the seed of the fuzz suites. CI keeps the defaults; a developer reproduces a failure
 * with the seed fast-check prints (`FUZZ_SEED=<seed>`), or runs fewer cases with `FUZZ_RUNS`.
 */
import type { Parameters } from 'fast-check';

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

/** Cases of the pure path (adapter mapping → engine step → persisted state), per channel. */
export const FUZZ_RUNS = positiveInt('FUZZ_RUNS', 10_000);

/** Cases sent over real HTTP through the whole bot, per channel: a tenth of the pure runs, between 100 and 800. */
export const FUZZ_STACK_RUNS = positiveInt('FUZZ_STACK_RUNS', Math.max(100, Math.min(800, Math.round(FUZZ_RUNS / 12))));

/** The fixed seed: every run of the suite tries the same cases unless told otherwise. */
export const FUZZ_SEED = positiveInt('FUZZ_SEED', 20_261_127);

/** fast-check parameters for a suite of `numRuns` cases with the fixed seed. */
export function fuzzParameters<T>(numRuns: number, extra: Parameters<T> = {}): Parameters<T> {
  return { numRuns, seed: FUZZ_SEED, ...extra };
}
