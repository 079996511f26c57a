/**
 * Sections III and V of the compiled report, from the weekly status reports: how often each of
 * the plan's three programmes was on track, slow or blocked, the blockers units wrote (quoted with
 * the unit and the week), and the support units asked for, grouped by unit.
 */
import { answersForIndicators, byName, type UnitNode } from '../../domain/digest/index.ts';
import type { Answers, Form, LocalizedText } from '../../domain/index.ts';
import type { AnswerRow } from '../digest/report-data-port.ts';

/** The weekly form and its questions the sections read; named once here so a renamed question shows in one place. */
export const WEEKLY_FORM_ID = 'weekly_status';
/** Progress questions are the weekly form's single choices over this list, one per programme. */
export const PROGRESS_LIST = 'progress';
export const BLOCKERS_QUESTION = 'blockers';
export const PROPOSALS_QUESTION = 'support_needed';

/** The progress levels, in the order the report lists them. */
export const PROGRESS_LEVELS = ['on_track', 'behind', 'blocked'] as const;
export type ProgressLevel = (typeof PROGRESS_LEVELS)[number];

/** One programme's weeks by level. */
export interface ProgrammeTally {
  question: string;
  label: LocalizedText;
  counts: Record<ProgressLevel, number>;
  /** Weekly reports that rated this programme. */
  rated: number;
}

/** A text a unit wrote in one week's report. */
export interface UnitNote {
  unit: UnitNode;
  periodKey: string;
  text: string;
}

/** What the weekly reports say over the span. */
export interface ProgrammeProgress {
  /** Weekly reports read. */
  reports: number;
  programmes: ProgrammeTally[];
  blockers: UnitNote[];
  /** Proposals grouped by unit, units by name, each unit's weeks in order. */
  proposals: Array<{ unit: UnitNode; notes: UnitNote[] }>;
}

function text(answers: Answers, name: string): string | null {
  const value = answers[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function byUnitThenWeek(a: UnitNote, b: UnitNote): number {
  return byName(a.unit, b.unit) || (a.periodKey < b.periodKey ? -1 : a.periodKey > b.periodKey ? 1 : 0);
}

/** Tallies the weekly reports of the scope's units; answers made irrelevant are dropped first. */
export function programmeProgress(form: Form, rows: readonly AnswerRow[], units: readonly UnitNode[]): ProgrammeProgress {
  const unitsById = new Map(units.map((unit) => [unit.id, unit]));
  const questions = form.questions.filter((q) => q.type === 'select_one' && q.listName === PROGRESS_LIST);
  const programmes: ProgrammeTally[] = questions.map((q) => ({ question: q.name, label: q.label, counts: { on_track: 0, behind: 0, blocked: 0 }, rated: 0 }));
  const blockers: UnitNote[] = [];
  const proposals = new Map<number, UnitNote[]>();
  let reports = 0;
  for (const row of rows) {
    const unit = unitsById.get(row.unitId);
    if (!unit) continue;
    reports += 1;
    const answers = answersForIndicators(form, row.answers);
    for (const programme of programmes) {
      const level = answers[programme.question];
      if (typeof level === 'string' && (PROGRESS_LEVELS as readonly string[]).includes(level)) {
        programme.counts[level as ProgressLevel] += 1;
        programme.rated += 1;
      }
    }
    const blocker = text(answers, BLOCKERS_QUESTION);
    if (blocker) blockers.push({ unit, periodKey: row.periodKey, text: blocker });
    const proposal = text(answers, PROPOSALS_QUESTION);
    if (proposal) proposals.set(unit.id, [...(proposals.get(unit.id) ?? []), { unit, periodKey: row.periodKey, text: proposal }]);
  }
  return {
    reports,
    programmes,
    blockers: blockers.sort(byUnitThenWeek),
    proposals: [...proposals.values()].map((notes) => ({ unit: (notes[0] as UnitNote).unit, notes: notes.sort(byUnitThenWeek) })).sort((a, b) => byName(a.unit, b.unit)),
  };
}
