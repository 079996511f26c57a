/**
 * The loaded, checked shape of a form: what the dialog engine, the scheduler and the
 * indicators work with. Produced only by `loadForm`, so every expression in it parses,
 * every reference resolves and relevance has no cycles.
 */
import type { Expr } from '../expressions/ast.ts';
import type { LocalizedText } from '../localized-text.ts';

/** Question types, in XLSForm vocabulary. */
export type QuestionType = 'integer' | 'decimal' | 'text' | 'date' | 'select_one' | 'select_multiple' | 'note';

/** How often a form is reported. */
export type PeriodType = 'weekly' | 'monthly' | 'quarterly' | 'yearly';

/** An expression kept with its source text and the answers it reads. */
export interface CompiledExpression {
  source: string;
  ast: Expr;
  references: string[];
}

/** One question of a form. `required` defaults to true for every answerable question; a note is never required. */
export interface Question {
  name: string;
  type: QuestionType;
  /** The choice list of a select_one / select_multiple question. */
  listName?: string;
  label: LocalizedText;
  hint?: LocalizedText;
  required: boolean;
  constraint?: CompiledExpression;
  constraintMessage?: LocalizedText;
  relevant?: CompiledExpression;
}

/** One option of a choice list; answers store its `name`. */
export interface Choice {
  name: string;
  label: LocalizedText;
}

/**
 * A point of a period's schedule: take the period's first day (`from: start`) or the first day
 * after the period (`from: end`), add `offsetDays` calendar days, at local `time` (HH:mm) in the
 * province's time zone. E.g. a monthly form due on the 5th of the next month at 17:00 is
 * `{ from: end, offsetDays: 4, time: '17:00' }`.
 */
export interface ScheduleMoment {
  offsetDays: number;
  from: 'start' | 'end';
  time: string;
}

/** When a period opens for answers, when it is due and when it stops accepting them. */
export interface Schedule {
  opens: ScheduleMoment;
  due: ScheduleMoment;
  closes: ScheduleMoment;
}

/** Reminders: days relative to the due moment (-3 = three days before, same local time), and daily ones while overdue. */
export interface ReminderPolicy {
  offsetsDays: number[];
  dailyWhileOverdue: boolean;
}

/** One side (numerator or denominator) of an indicator: an expression over one form's answers. */
export interface IndicatorSide {
  /** The form whose answers the expression reads (by default the form defining the indicator). */
  formId: string;
  expression: CompiledExpression;
  /** `previous`: read that form's periods of the year before the indicator's year (e.g. members on 31/12 of last year). */
  year: 'same' | 'previous';
}

/** An indicator of the plan: sum of numerators over sum of denominators, against a target ratio. */
export interface IndicatorDef {
  id: string;
  /** The form that defines the indicator. */
  formId: string;
  label: LocalizedText;
  numerator: IndicatorSide;
  denominator: IndicatorSide;
  /** Target as a ratio (0.9 = 90 %). */
  target: number;
  comparator: '>' | '>=';
  /** Milestone years the target holds until (e.g. [2025, 2030]), ascending. */
  horizons: number[];
  /** Year-to-date indicator: its numerator accumulates over the year and is judged against a pro-rated pace. */
  ytd: boolean;
}

/** A checked, versioned report form. */
export interface Form {
  id: string;
  version: number;
  title: LocalizedText;
  /** A few words that tell the form from the others where space is short (a button); the title's first words when the file gives none. */
  shortTitle: LocalizedText;
  period: PeriodType;
  schedule: Schedule;
  reminders: ReminderPolicy;
  /** Days after the due moment when a missing report is escalated to supervisors; null = never. */
  escalateAfterDays: number | null;
  questions: Question[];
  choices: Record<string, Choice[]>;
  indicators: IndicatorDef[];
}
