/**
 * Loads a form from an already-parsed object (YAML or JSON), checking its shape with zod and
 * its meaning by hand: question types and choice lists, Vietnamese labels, duplicate names,
 * expression syntax, references, relevance cycles and schedule order. A broken form is
 * refused with every problem found, each naming the form and, where it applies, the question.
 * Reads nothing from disk.
 */
import { rawFormSchema } from './form-schema.ts';
import type { RawForm } from './form-schema.ts';
import type { Choice, CompiledExpression, Form, IndicatorDef, IndicatorSide, Question, QuestionType } from './form-types.ts';
import { ProblemList } from './form-problem.ts';
import type { FormProblem } from './form-problem.ts';
import { addShapeProblems } from './shape-problems.ts';
import { compileExpression } from './compile-expression.ts';
import { findRelevanceCycles } from './relevance-cycles.ts';
import { periodWindow } from '../periods/period-window.ts';
import type { LocalizedText } from '../localized-text.ts';

/** The outcome of loading a form. */
export type LoadFormResult = { ok: true; form: Form } | { ok: false; problems: FormProblem[] };

const SIMPLE_TYPES: ReadonlySet<string> = new Set(['integer', 'decimal', 'text', 'date', 'note']);

/** Sample periods used to check that a schedule opens before it is due and is due before it closes. */
const SAMPLE_KEYS: Record<Form['period'], string[]> = {
  weekly: ['2026-W01', '2026-W53'],
  monthly: ['2026-01', '2026-02', '2026-12'],
  quarterly: ['2026-Q1', '2026-Q4'],
  yearly: ['2026'],
};

function hasVietnamese(text: LocalizedText | undefined): boolean {
  return text !== undefined && typeof text.vi === 'string' && text.vi.trim() !== '';
}

function parseType(type: string): { type: QuestionType; listName?: string } | undefined {
  const trimmed = type.trim();
  if (SIMPLE_TYPES.has(trimmed)) return { type: trimmed as QuestionType };
  const match = /^(select_one|select_multiple)\s+([A-Za-z_][A-Za-z0-9_]*)$/.exec(trimmed);
  if (!match) return undefined;
  return { type: match[1] as QuestionType, listName: match[2] ?? '' };
}

/** Loads and checks a parsed form; `source` (e.g. a file name) names the form if it has no id yet. */
export function loadForm(raw: unknown, source: string): LoadFormResult {
  const problems = new ProblemList(source);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.add('forms.not_an_object', { source });
    return { ok: false, problems: problems.items };
  }
  const maybeId = (raw as { settings?: { form_id?: unknown } }).settings?.form_id;
  if (typeof maybeId === 'string' && maybeId !== '') problems.formId = maybeId;
  const shape = rawFormSchema.safeParse(raw);
  if (!shape.success) {
    addShapeProblems(problems, raw, shape.error.issues);
    return { ok: false, problems: problems.items };
  }
  const form = buildForm(shape.data, problems);
  return problems.items.length === 0 ? { ok: true, form } : { ok: false, problems: problems.items };
}

function buildForm(raw: RawForm, problems: ProblemList): Form {
  const formId = raw.settings.form_id;
  if (!hasVietnamese(raw.settings.title)) problems.add('forms.missing_label_vi', { field: 'settings.title' });
  if (raw.settings.short_title && !hasVietnamese(raw.settings.short_title)) problems.add('forms.missing_label_vi', { field: 'settings.short_title' });

  const choices: Record<string, Choice[]> = {};
  for (const [listName, items] of Object.entries(raw.choices ?? {})) {
    if (items.length === 0) problems.add('forms.empty_choice_list', { list: listName });
    const names = new Set<string>();
    for (const item of items) {
      if (names.has(item.name)) problems.add('forms.duplicate_choice', { list: listName, name: item.name });
      names.add(item.name);
      if (!hasVietnamese(item.label)) problems.add('forms.missing_label_vi', { field: `choices.${listName}.${item.name}` });
    }
    choices[listName] = items.map((item) => ({ name: item.name, label: item.label }));
  }

  const questions: Question[] = [];
  const seen = new Set<string>();
  for (const rq of raw.questions) {
    const name = rq.name;
    if (seen.has(name)) problems.add('forms.duplicate_name', { name }, name);
    seen.add(name);
    const parsedType = parseType(rq.type);
    if (!parsedType) problems.add('forms.unknown_type', { type: rq.type }, name);
    else if (parsedType.listName !== undefined && !(parsedType.listName in choices))
      problems.add('forms.unknown_choice_list', { list: parsedType.listName }, name);
    if (!hasVietnamese(rq.label)) problems.add('forms.missing_label_vi', { field: 'label' }, name);
    if (rq.hint && !hasVietnamese(rq.hint)) problems.add('forms.missing_label_vi', { field: 'hint' }, name);
    if (rq.constraint_message && !hasVietnamese(rq.constraint_message))
      problems.add('forms.missing_label_vi', { field: 'constraint_message' }, name);

    const type = parsedType?.type ?? 'text';
    const question: Question = { name, type, label: rq.label, required: type !== 'note' && rq.required !== false };
    if (parsedType?.listName !== undefined) question.listName = parsedType.listName;
    if (rq.hint) question.hint = rq.hint;
    if (rq.constraint_message) question.constraintMessage = rq.constraint_message;
    if (rq.constraint !== undefined) {
      const compiled = compileExpression(rq.constraint, 'constraint', problems, { question: name, allowCurrent: true });
      if (compiled) question.constraint = compiled;
    }
    if (rq.relevant !== undefined) {
      const compiled = compileExpression(rq.relevant, 'relevant', problems, { question: name, allowCurrent: false });
      if (compiled) question.relevant = compiled;
    }
    questions.push(question);
  }

  const byName = new Map(questions.map((q) => [q.name, q]));
  const checkRefs = (expr: CompiledExpression | undefined, field: string, question?: string): void => {
    for (const ref of expr?.references ?? []) {
      const target = byName.get(ref);
      if (!target) problems.add('forms.unknown_reference', { field, name: ref }, question);
      else if (target.type === 'note') problems.add('forms.reference_to_note', { field, name: ref }, question);
    }
  };
  for (const q of questions) {
    checkRefs(q.constraint, 'constraint', q.name);
    checkRefs(q.relevant, 'relevant', q.name);
  }

  const dependsOn = new Map(questions.map((q) => [q.name, q.relevant?.references ?? []]));
  for (const cycle of findRelevanceCycles(dependsOn)) {
    problems.add('forms.relevance_cycle', { cycle: cycle.join(' → ') }, cycle[0]);
  }

  const indicators = buildIndicators(raw, formId, problems, checkRefs);

  const form: Form = {
    id: formId,
    version: raw.settings.version,
    title: raw.settings.title,
    shortTitle: raw.settings.short_title ?? shortenTitle(raw.settings.title),
    period: raw.settings.period,
    schedule: {
      opens: toMoment(raw.settings.schedule.opens),
      due: toMoment(raw.settings.schedule.due),
      closes: toMoment(raw.settings.schedule.closes),
    },
    reminders: {
      offsetsDays: [...(raw.settings.reminders?.offsets_days ?? [])].sort((a, b) => a - b),
      dailyWhileOverdue: raw.settings.reminders?.daily_while_overdue ?? false,
    },
    escalateAfterDays: raw.settings.escalate_after_days ?? null,
    questions,
    choices,
    indicators,
  };
  checkScheduleOrder(form, problems);
  return form;
}

function toMoment(raw: RawForm['settings']['schedule']['opens']): Form['schedule']['opens'] {
  return { offsetDays: raw.offset_days, from: raw.from, time: raw.time };
}

function buildIndicators(
  raw: RawForm,
  formId: string,
  problems: ProblemList,
  checkRefs: (expr: CompiledExpression | undefined, field: string) => void,
): IndicatorDef[] {
  const indicators: IndicatorDef[] = [];
  const ids = new Set<string>();
  for (const ri of raw.indicators ?? []) {
    if (ids.has(ri.id)) problems.add('forms.duplicate_indicator', { id: ri.id });
    ids.add(ri.id);
    if (!hasVietnamese(ri.label)) problems.add('forms.missing_label_vi', { field: `indicators.${ri.id}.label` });
    const side = (value: (typeof ri)['numerator'], which: string): IndicatorSide | undefined => {
      const spec = typeof value === 'string' ? { expression: value } : value;
      const field = `indicators.${ri.id}.${which}`;
      const expression = compileExpression(spec.expression, field, problems, { allowCurrent: false });
      if (!expression) return undefined;
      const sideForm = spec.form ?? formId;
      // References into other forms are checked by checkFormSet, which sees every form.
      if (sideForm === formId) checkRefs(expression, field);
      return { formId: sideForm, expression, year: spec.year ?? 'same' };
    };
    const numerator = side(ri.numerator, 'numerator');
    const denominator = side(ri.denominator, 'denominator');
    if (!numerator || !denominator) continue;
    const horizons = (Array.isArray(ri.horizon) ? [...ri.horizon] : [ri.horizon]).sort((a, b) => a - b);
    indicators.push({
      id: ri.id,
      formId,
      label: ri.label,
      numerator,
      denominator,
      target: ri.target,
      comparator: ri.comparator,
      horizons,
      ytd: ri.ytd ?? false,
    });
  }
  return indicators;
}

function checkScheduleOrder(form: Form, problems: ProblemList): void {
  for (const key of SAMPLE_KEYS[form.period]) {
    const w = periodWindow(form, key, 'UTC');
    if (w.opensAt > w.dueAt || w.dueAt > w.closesAt || w.opensAt >= w.closesAt) {
      problems.add('forms.schedule_order', { period: key });
      return;
    }
  }
}

/** Longest short title made from a form's title, in characters: room is left on a button for the period. */
const SHORT_TITLE_MAX = 24;

/** The title's first words, up to SHORT_TITLE_MAX characters, for a form file that gives no short_title. */
export function shortenTitle(title: LocalizedText): LocalizedText {
  const shortened: LocalizedText = {};
  for (const [locale, full] of Object.entries(title)) {
    const text = full ?? '';
    const words = text.trim().split(/\s+/);
    let short = '';
    for (const word of words) {
      const next = short ? `${short} ${word}` : word;
      if (Array.from(next).length > SHORT_TITLE_MAX) break;
      short = next;
    }
    shortened[locale] = short === text.trim() ? short : `${short || Array.from(text.trim()).slice(0, SHORT_TITLE_MAX - 1).join('')}…`;
  }
  return shortened;
}
