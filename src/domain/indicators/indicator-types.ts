/**
 * Plain-data inputs and outputs of indicator computation, so the digest, the CLI and the tests
 * can feed it from anywhere: per unit, the answers of each form by period.
 */
import type { Answers } from '../answers/answer-value.ts';
import type { Form } from '../forms/form-types.ts';

/** One unit's answers to one form for one period (the latest revision). */
export interface PeriodAnswers {
  periodKey: string;
  answers: Answers;
}

/** Everything one unit reported that an indicator may read, by form id. */
export interface UnitInput {
  unitCode: string;
  answersByForm: Readonly<Record<string, readonly PeriodAnswers[]>>;
}

/**
 * When and for which year to compute. `year` defaults to the local year of `at`; pace is only
 * computed when `year` is the current year. `forms`, when given, lets answers to questions that
 * are no longer relevant be ignored (a stale heads count after has_heads became "no").
 */
export interface IndicatorOptions {
  at: Date;
  tz?: string;
  year?: number;
  forms?: readonly Form[];
}

/** met: target reached; on_pace: a year-to-date indicator ahead of its pro-rated target; behind; no_data: zero denominator. */
export type IndicatorStatus = 'met' | 'on_pace' | 'behind' | 'no_data';

/** Progress of a year-to-date indicator against its target pro-rated to today. */
export interface IndicatorPace {
  /** Share of the year elapsed (day of year / days in year). */
  yearFraction: number;
  /** Numerator expected by now: target × denominator × yearFraction. */
  expectedByNow: number;
  /** numerator / expectedByNow; null when nothing is expected yet. */
  ratioOfExpected: number | null;
}

/** An indicator's value over a set of units. */
export interface IndicatorResult {
  id: string;
  year: number;
  /** The milestone year the target counts toward (first horizon ≥ year), null after the last. */
  horizon: number | null;
  numerator: number;
  denominator: number;
  /** numerator / denominator, or null when the denominator is zero (no data, not 0 %). */
  value: number | null;
  target: number;
  comparator: '>' | '>=';
  status: IndicatorStatus;
  pace: IndicatorPace | null;
  /** Units that contributed, sorted by code. */
  unitsCounted: string[];
  /** Units left out entirely (no usable answers for a side), sorted by code. */
  unitsExcluded: string[];
}
