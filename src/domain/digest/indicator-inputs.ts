/**
 * Indicator inputs prepared once for a whole digest: answers to questions that became irrelevant
 * dropped (once per stored report, not on every pass of every indicator), and each unit's reports
 * grouped by form and year, so an indicator for one year reads only that year's reports without
 * parsing every period key again.
 */
import type { Answers } from '../answers/answer-value.ts';
import { evaluateBoolean } from '../expressions/evaluator.ts';
import type { Form, IndicatorDef, Question } from '../forms/form-types.ts';
import { pruneIrrelevant } from '../forms/relevance.ts';
import type { UnitInput } from '../indicators/indicator-types.ts';
import { parsePeriodKey } from '../periods/period-key.ts';

const conditionalNames = new WeakMap<Form, ReadonlySet<string>>();

function conditional(form: Form): ReadonlySet<string> {
  let names = conditionalNames.get(form);
  if (!names) {
    names = new Set(form.questions.filter((q) => q.relevant).map((q) => q.name));
    conditionalNames.set(form, names);
  }
  return names;
}

/**
 * The answers as indicators must read them: irrelevant answers dropped. The same result as
 * `pruneIrrelevant`, skipped when no conditional question is answered (nothing to drop then).
 */
export function answersForIndicators(form: Form | undefined, answers: Answers): Answers {
  if (!form) return answers;
  const names = conditional(form);
  if (names.size === 0) return answers;
  for (const name of Object.keys(answers)) if (names.has(name)) return pruneIrrelevant(form, answers);
  return answers;
}

/** One report as an indicator reads it. */
export interface YearEntry {
  periodKey: string;
  answers: Answers;
}

/** A unit's reports by form id, then by the year of their period. */
export interface BucketedUnit {
  unitCode: string;
  byForm: ReadonlyMap<string, ReadonlyMap<number, readonly YearEntry[]>>;
}

/** Inputs ready for every indicator of a digest. */
export interface IndicatorInputs {
  units: readonly BucketedUnit[];
}

/**
 * Prepares units' answers: pruned unless `pruned` says they already are (storage prunes while
 * loading), and grouped by form and year. Reports with an invalid period key are left out, as the
 * indicator computation does.
 */
export function prepareInputs(units: readonly UnitInput[], forms: readonly Form[], pruned = false): IndicatorInputs {
  const byId = new Map(forms.map((form) => [form.id, form]));
  const years = new Map<string, number | null>();
  const yearOf = (key: string): number | null => {
    let year = years.get(key);
    if (year === undefined) {
      const parsed = parsePeriodKey(key);
      year = parsed.ok ? parsed.key.year : null;
      years.set(key, year);
    }
    return year;
  };
  return {
    units: units.map((unit) => {
      const byForm = new Map<string, Map<number, YearEntry[]>>();
      for (const [formId, entries] of Object.entries(unit.answersByForm)) {
        const form = byId.get(formId);
        const buckets = new Map<number, YearEntry[]>();
        for (const entry of entries) {
          const year = yearOf(entry.periodKey);
          if (year === null) continue;
          const prepared = pruned ? entry : { periodKey: entry.periodKey, answers: answersForIndicators(form, entry.answers) };
          const list = buckets.get(year);
          if (list) list.push(prepared);
          else buckets.set(year, [prepared]);
        }
        byForm.set(formId, buckets);
      }
      return { unitCode: unit.unitCode, byForm };
    }),
  };
}

/** How a digest reads one form's reports: which answers it keeps, and the form's questions by name. */
interface FormReading {
  form: Form;
  /** The answers kept, see `indicatorAnswers`. */
  fields: readonly string[];
  questions: ReadonlyMap<string, Question>;
}

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** Relevance of one question, as `relevanceMap` decides it (memoised in `memo`). */
function relevantIn(reading: FormReading, answers: Answers, memo: Map<string, boolean>, question: Question, depth: number): boolean {
  const known = memo.get(question.name);
  if (known !== undefined) return known;
  let result = true;
  if (question.relevant && depth < reading.form.questions.length + 1) {
    const visible: Record<string, unknown> = {};
    for (const ref of question.relevant.references) {
      const target = reading.questions.get(ref);
      visible[ref] = target && relevantIn(reading, answers, memo, target, depth + 1) ? answers[ref] : null;
    }
    result = evaluateBoolean(question.relevant.ast, { answers: visible });
  }
  memo.set(question.name, result);
  return result;
}

/**
 * A reader of one form's stored answers for the digest's indicators: it keeps only the answers
 * that the indicators reading the form reference, every conditional question, and whatever their
 * relevance reads (transitively), then drops the irrelevant ones. What the indicators read of the
 * result is exactly what they read of `answersForIndicators(form, answers)`: whether anything is
 * pruned depends only on conditional answers (all kept), and a kept question's relevance only on
 * kept answers. A report then holds a few numbers instead of every answer of the form.
 */
export function indicatorAnswers(form: Form, defs: readonly IndicatorDef[]): (answers: Answers) => Answers {
  const questions = new Map(form.questions.map((question) => [question.name, question]));
  const fields = new Set<string>();
  const pending: string[] = [];
  for (const def of defs) {
    for (const side of [def.numerator, def.denominator]) if (side.formId === form.id) pending.push(...side.expression.references);
  }
  for (const question of form.questions) if (question.relevant) pending.push(question.name);
  while (pending.length) {
    const name = pending.pop() as string;
    if (fields.has(name)) continue;
    fields.add(name);
    pending.push(...(questions.get(name)?.relevant?.references ?? []));
  }
  const reading: FormReading = { form, fields: [...fields], questions };
  const names = conditional(form);
  // Reports often hold the same few numbers (admissions per month): equal results are shared,
  // found by a hash of the kept answers and checked answer by answer.
  const shared = new Map<number, Array<{ kept: Answers; result: Answers }>>();
  let sharedCount = 0;
  return (answers) => {
    const hash = answersHash(answers, reading.fields);
    const candidates = hash === null ? undefined : shared.get(hash);
    if (candidates) for (const candidate of candidates) if (sameAnswers(candidate.kept, answers, reading.fields)) return candidate.result;
    const kept: Answers = {};
    let prune = false;
    for (const name of reading.fields) {
      if (!hasOwn(answers, name)) continue;
      kept[name] = answers[name] as Answers[string];
      if (names.has(name)) prune = true;
    }
    let result = kept;
    if (prune) {
      const memo = new Map<string, boolean>();
      result = {};
      for (const name of Object.keys(kept)) {
        const question = questions.get(name);
        if (question && relevantIn(reading, kept, memo, question, 0)) result[name] = kept[name] as Answers[string];
      }
    }
    if (hash !== null && sharedCount < MAX_SHARED) {
      sharedCount += 1;
      if (candidates) candidates.push({ kept, result });
      else shared.set(hash, [{ kept, result }]);
    }
    return result;
  };
}

/** How many distinct results one reader shares at most (beyond that, results are not kept). */
const MAX_SHARED = 4096;

const scratch = new Float64Array(1);
const scratchWords = new Int32Array(scratch.buffer);

function mix(hash: number, word: number): number {
  return Math.imul(hash ^ word, 16777619);
}

/**
 * A hash of the given answers (own ones only; type-tagged), or null when one is a list or an
 * object: those are not shared. Equal answers hash equal; `sameAnswers` settles collisions.
 */
function answersHash(answers: Answers, fields: readonly string[]): number | null {
  let hash = 2166136261;
  for (const name of fields) {
    if (!hasOwn(answers, name)) {
      hash = mix(hash, 1);
      continue;
    }
    const value = answers[name];
    if (typeof value === 'number') {
      scratch[0] = value;
      hash = mix(mix(mix(hash, 2), scratchWords[0] as number), scratchWords[1] as number);
    } else if (typeof value === 'string') {
      hash = mix(hash, 3);
      for (let i = 0; i < value.length; i += 1) hash = mix(hash, value.charCodeAt(i));
    } else if (typeof value === 'boolean') hash = mix(hash, value ? 4 : 5);
    else if (value === null) hash = mix(hash, 6);
    else return null;
  }
  return hash;
}

/** Whether `answers` holds exactly the kept answers among `fields` (same presence, same values, -0 apart from 0). */
function sameAnswers(kept: Answers, answers: Answers, fields: readonly string[]): boolean {
  for (const name of fields) {
    const present = hasOwn(answers, name);
    if (present !== hasOwn(kept, name)) return false;
    if (present && !Object.is(kept[name], answers[name])) return false;
  }
  return true;
}

/**
 * Gathers reports one at a time into prepared inputs for a list of units, in that order; each
 * unit's reports stay in the order they are added. The same inputs as `prepareInputs` over the
 * same reports (added already pruned), without a list of rows in between. Reports of the same
 * period with the same (shared) answers share one entry: entries are only ever read.
 */
export class InputsCollector {
  private readonly byUnit = new Map<number, Map<string, Map<number, YearEntry[]>>>();
  private readonly units: BucketedUnit[] = [];
  private readonly entries = new Map<Answers, Map<string, YearEntry>>();

  constructor(units: Iterable<{ id: number; code: string }>) {
    for (const unit of units) {
      if (this.byUnit.has(unit.id)) continue;
      const byForm = new Map<string, Map<number, YearEntry[]>>();
      this.byUnit.set(unit.id, byForm);
      this.units.push({ unitCode: unit.code, byForm });
    }
  }

  /** Adds one report of a unit; reports of units not in the list are ignored. */
  add(unitId: number, formId: string, year: number, periodKey: string, answers: Answers): void {
    const byForm = this.byUnit.get(unitId);
    if (!byForm) return;
    let buckets = byForm.get(formId);
    if (!buckets) {
      buckets = new Map();
      byForm.set(formId, buckets);
    }
    const entry = this.entry(periodKey, answers);
    const list = buckets.get(year);
    if (list) list.push(entry);
    else buckets.set(year, [entry]);
  }

  inputs(): IndicatorInputs {
    return { units: this.units };
  }

  private entry(periodKey: string, answers: Answers): YearEntry {
    let byPeriod = this.entries.get(answers);
    if (!byPeriod) {
      if (this.entries.size >= MAX_SHARED) return { periodKey, answers };
      byPeriod = new Map();
      this.entries.set(answers, byPeriod);
    }
    let entry = byPeriod.get(periodKey);
    if (!entry) {
      entry = { periodKey, answers };
      byPeriod.set(periodKey, entry);
    }
    return entry;
  }
}
