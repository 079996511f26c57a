/**
 * `export --template`: the export's layout with no data rows, for a province to type in the reports it
 * kept before the bot (on paper, in spreadsheets), then load them with `submissions import`. Beside the
 * empty sheet, a guide says what each column takes (period keys of the form's kind, the unit codes,
 * every question's type, bounds and choices) and a sheet lists the unit codes.
 */
import { periodKeyAt, pickText, previousPeriodKey, questionBounds, type Form, type Locale, type Question } from '../domain/index.ts';
import type { UnitNode } from '../domain/digest/index.ts';
import { answerQuestions, questionHeader } from './report-columns.ts';
import { reportColumns } from './submissions-export.ts';
import type { CellValue, SheetSpec } from './workbook.ts';

/** What the template needs: the form, the units that report, and texts in the operator's language. */
export interface TemplateContext {
  form: Form;
  units: readonly UnitNode[];
  tree: { get(id: number): UnitNode | undefined };
  locale: Locale;
  timeZone: string;
  now: Date;
  /** Translates an `exports.*` key (the export's own headers). */
  te: (key: string, params?: Record<string, string | number>) => string;
  /** Translates a `history.*` key (the guide). */
  th: (key: string, params?: Record<string, string | number>) => string;
}

/**
 * When a question is asked, in words where the rule is the usual "another answer is this choice" (or
 * several of those joined by `or`); otherwise the rule itself, with the question names bare.
 */
function relevanceText(form: Form, source: string, ctx: TemplateContext): string {
  const parts = source.split(/\s+or\s+/);
  const words = parts.map((part) => {
    const match = /^\$\{(\w+)\}\s*=\s*'([^']*)'$/.exec(part.trim());
    const other = match ? form.questions.find((q) => q.name === match[1]) : undefined;
    const choice = other ? (form.choices[other.listName ?? ''] ?? []).find((c) => c.name === match?.[2]) : undefined;
    return other && choice ? ctx.th('template_when_choice', { question: other.name, choice: pickText(choice.label, ctx.locale) }) : null;
  });
  if (words.every((word) => word !== null)) return words.join(ctx.th('template_or'));
  return source.replace(/\$\{(\w+)\}/g, '$1');
}

/** What a question accepts, in words: bounds, the form's own rule, choices by label. */
function accepted(form: Form, question: Question, ctx: TemplateContext): string {
  const { th, locale } = ctx;
  const parts: string[] = [];
  const { min, max } = questionBounds(question);
  if (min !== undefined) parts.push(th('template_min', { min }));
  if (max !== undefined) parts.push(th('template_max', { max }));
  if (question.constraintMessage) parts.push(pickText(question.constraintMessage, locale).replace(/\.$/, ''));
  const choices = form.choices[question.listName ?? ''] ?? [];
  if (choices.length > 0) parts.push(th('template_choices', { choices: choices.map((c) => pickText(c.label, locale)).join(' / ') }));
  if (question.type === 'select_multiple') parts.push(th('template_several'));
  if (question.relevant) parts.push(th('template_relevant', { rule: relevanceText(form, question.relevant.source, ctx) }));
  return parts.join('; ');
}

/** The empty report sheet, the guide and the unit list. */
export function templateSheets(ctx: TemplateContext): SheetSpec[] {
  const { form, th, te, locale } = ctx;
  const questions = answerQuestions(form);
  const current = periodKeyAt(form.period, ctx.now, ctx.timeZone);
  const example = previousPeriodKey(current);
  const report: SheetSpec = { name: te('sheet_version', { form: form.id, version: form.version }), columns: reportColumns(questions, locale, te), rows: [] };
  const fixed: Array<Record<string, CellValue>> = [
    { column: te('col_unit_code'), type: th('type_text'), required: th('template_yes'), accepted: th('template_unit_code') },
    { column: te('col_unit_name'), type: th('type_text'), required: th('template_no'), accepted: th('template_ignored') },
    { column: te('col_parent'), type: th('type_text'), required: th('template_no'), accepted: th('template_ignored') },
    { column: te('col_period'), type: th('type_period'), required: th('template_yes'), accepted: th(`template_period_${form.period}`, { example }) },
    { column: te('col_status'), type: th('type_text'), required: th('template_no'), accepted: th('template_status', { on_time: te('status_on_time'), late: te('status_late'), missing: te('status_missing') }) },
    { column: te('col_submitted_at'), type: th('type_datetime'), required: th('template_no'), accepted: th('template_submitted_at') },
    { column: te('col_revision'), type: th('type_integer'), required: th('template_no'), accepted: th('template_ignored') },
  ];
  const asked = questions.map((q) => ({
    column: questionHeader(q, locale),
    type: th(`type_${q.type}`),
    required: th(!q.required ? 'template_no' : q.relevant ? 'template_yes_when_asked' : 'template_yes'),
    accepted: accepted(form, q, ctx),
  }));
  const guide: SheetSpec = {
    name: th('template_sheet_guide'),
    columns: [
      { key: 'column', header: th('template_col_column'), width: 50 },
      { key: 'type', header: th('template_col_type'), width: 16 },
      { key: 'required', header: th('template_col_required'), width: 10 },
      { key: 'accepted', header: th('template_col_accepted'), width: 80 },
    ],
    rows: [
      { column: th('template_intro', { form: pickText(form.title, locale), sheet: report.name }) },
      { column: th('template_rules') },
      {},
      ...fixed,
      ...asked,
    ],
  };
  const units: SheetSpec = {
    name: th('template_sheet_units'),
    columns: [
      { key: 'code', header: te('col_unit_code'), width: 14 },
      { key: 'name', header: te('col_unit_name'), width: 45 },
      { key: 'parent', header: te('col_parent'), width: 30 },
    ],
    rows: ctx.units.map((unit) => ({ code: unit.code, name: unit.name, parent: unit.parentId == null ? null : (ctx.tree.get(unit.parentId)?.name ?? null) })),
  };
  return [report, guide, units];
}
