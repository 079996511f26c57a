/**
 * The admin export of one form's period: every submission with its answers, status and time, one
 * sheet per form version (questions differ between versions), and the units that filed nothing
 * listed as missing on the current version's sheet. Numbers stay numbers; choices show labels.
 */
import { isYesNoList, pickText, type AnswerValue, type Form, type Locale, type Question } from '../domain/index.ts';
import type { UnitNode } from '../domain/digest/index.ts';
import { answerQuestions, questionHeader, questionKey } from './report-columns.ts';
import { excelLocalTime, type CellValue, type ColumnSpec, type SheetSpec } from './workbook.ts';

/** One submission as the export reads it. */
export interface ExportSubmission {
  unitId: number;
  /** The period, written in its own column so that `submissions import` can read the row back. */
  periodKey?: string;
  formVersion: number;
  answers: Record<string, AnswerValue>;
  late: boolean;
  submittedAt: Date;
  revision: number;
}

/** What the export needs besides the rows. */
export interface ExportContext {
  /** Every known version of the form, by version number; the highest is current. */
  versions: ReadonlyMap<number, Form>;
  /** The units expected to report (active, not the province). */
  units: readonly UnitNode[];
  tree: { get(id: number): UnitNode | undefined };
  locale: Locale;
  timeZone: string;
  /** The period exported: the period column of the units listed as missing. */
  periodKey?: string;
  /** Translates an `exports.*` key. */
  t: (key: string, params?: Record<string, string | number>) => string;
}

function cell(form: Form, question: Question, value: AnswerValue | undefined, locale: Locale): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const choices = form.choices[question.listName ?? ''] ?? [];
  const label = (name: string) => {
    const choice = choices.find((c) => c.name === name);
    return choice ? pickText(choice.label, locale) : name;
  };
  if (Array.isArray(value)) return value.map((v) => label(String(v))).join(', ');
  if (question.type === 'select_one' || (choices.length && isYesNoList(choices))) return label(String(value));
  return String(value);
}

/**
 * The columns of one version's sheet: the fixed ones, then a column per question. The period column is
 * text (`@`), so that a key typed into a template (2026-10) is not turned into a date by the spreadsheet.
 */
export function reportColumns(questions: readonly Question[], locale: Locale, t: ExportContext['t']): ColumnSpec[] {
  return [
    { key: 'unit_code', header: t('col_unit_code'), width: 14 },
    { key: 'unit_name', header: t('col_unit_name'), width: 45 },
    { key: 'parent', header: t('col_parent'), width: 30 },
    { key: 'period', header: t('col_period'), width: 12, numFmt: '@' },
    { key: 'status', header: t('col_status'), width: 12 },
    { key: 'submitted_at', header: t('col_submitted_at'), width: 18, numFmt: 'dd/mm/yyyy hh:mm' },
    { key: 'revision', header: t('col_revision'), width: 9 },
    ...questions.map((q) => ({ key: questionKey(q), header: questionHeader(q, locale), width: 24 })),
  ];
}

/** The sheets of the export. */
export function submissionSheets(submissions: readonly ExportSubmission[], ctx: ExportContext): SheetSpec[] {
  const { t, locale, timeZone } = ctx;
  const current = Math.max(0, ...ctx.versions.keys(), ...submissions.map((s) => s.formVersion));
  const versions = [...new Set([...submissions.map((s) => s.formVersion), current])].sort((a, b) => a - b);
  const filed = new Set(submissions.map((s) => s.unitId));
  return versions.flatMap((version) => {
    const form = ctx.versions.get(version);
    const questions = form ? answerQuestions(form) : [];
    const columns = reportColumns(questions, locale, t);
    const unitCells = (unitId: number) => {
      const unit = ctx.tree.get(unitId);
      const parent = unit?.parentId != null ? ctx.tree.get(unit.parentId) : undefined;
      return { unit_code: unit?.code ?? String(unitId), unit_name: unit?.name ?? '', parent: parent?.name ?? null };
    };
    const rows: Array<Record<string, CellValue>> = submissions
      .filter((s) => s.formVersion === version)
      .map((s) => {
        const row: Record<string, CellValue> = {
          ...unitCells(s.unitId),
          period: s.periodKey ?? ctx.periodKey ?? null,
          status: t(s.late ? 'status_late' : 'status_on_time'),
          submitted_at: excelLocalTime(s.submittedAt, timeZone),
          revision: s.revision,
        };
        if (form) for (const q of questions) row[questionKey(q)] = cell(form, q, s.answers[q.name], locale);
        return row;
      })
      .sort((a, b) => String(a.unit_code).localeCompare(String(b.unit_code)));
    if (version === current) {
      for (const unit of ctx.units) if (!filed.has(unit.id)) rows.push({ ...unitCells(unit.id), period: ctx.periodKey ?? null, status: t('status_missing'), submitted_at: null, revision: null });
    }
    const name = t('sheet_version', { form: form?.id ?? '', version });
    return [{ name, columns, rows }];
  });
}
