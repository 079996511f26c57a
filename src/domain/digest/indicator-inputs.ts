/**
 * Indicator inputs prepared once for a whole digest: answers to questions that became irrelevant
 * dropped (once per stored report, not on every pass of every indicator), and each unit's reports
 * grouped by form and year, so an indicator for one year reads only that year's reports without
 * parsing every period key again.
 */
import type { Answers } from '../answers/answer-value.ts';
import type { Form } from '../forms/form-types.ts';
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
