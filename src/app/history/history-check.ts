/**
 * Checks a report workbook row by row before anything is stored: each sheet names its form version,
 * each row's unit, period, status, time and answers are read and then checked against that version with
 * the dialog's own rules (types, bounds, choices, cross-field constraints, required answers). Pure: the
 * units, the forms and the time come in, reports and problems go out.
 */
import {
  isLate,
  periodKeyAt,
  periodRange,
  periodWindow,
  previousPeriodKey,
  pruneIrrelevant,
  validateSubmission,
  type Answers,
  type Form,
  type Locale,
} from '../../domain/index.ts';
import { foldForMatch } from '../../domain/text/normalize.ts';
import type { RawCell, RawSheet } from '../../exports/read-report-workbook.ts';
import { answerQuestions, FIXED_COLUMNS, parseSheetName, questionNameOfHeader, type FixedColumn } from '../../exports/report-columns.ts';
import { cellText, isBlankCell, periodKindOf, readAnswerCell, readPeriodCell, readStatusCell, readTimeCell, type StatusWords } from './history-cells.ts';
import type { FormCatalog, HistoryProblem, HistoryReport, HistoryUnit } from './history-ports.ts';

/** What the check needs besides the sheets. */
export interface HistoryCheckContext {
  forms: FormCatalog;
  units: readonly HistoryUnit[];
  /** Each fixed column's header in every language the export may have been written in. */
  headers: Readonly<Record<FixedColumn, readonly string[]>>;
  statusWords: StatusWords;
  timeZone: string;
  now: Date;
  /** The language of the forms' own constraint messages in the problems. */
  locale: Locale;
}

/** The outcome of the check: the reports read, rows skipped as "missing", and every problem. */
export interface HistoryCheck {
  reports: HistoryReport[];
  /** Data rows read, over every report sheet. */
  rows: number;
  /** Rows the export writes for units that filed nothing (status "missing", no answers). */
  skipped: number;
  /** Rows repeating an earlier row of the file exactly (counted once). */
  repeated: number;
  problems: HistoryProblem[];
}

/** A stable text of a set of answers (unanswered left out, keys sorted), to compare two reports. */
export function answersFingerprint(formVersion: number, answers: Answers): string {
  const kept = Object.entries(answers)
    .filter(([, value]) => !(value === null || value === '' || (Array.isArray(value) && value.length === 0)))
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([formVersion, kept]);
}

interface SheetColumns {
  fixed: Partial<Record<FixedColumn, number>>;
  questions: Map<string, number>;
  header: string[];
}

/** Reads the header row: which column holds which fixed field and which question. */
function readHeader(cells: readonly RawCell[], ctx: HistoryCheckContext): { columns: SheetColumns; unknown: Array<{ index: number; text: string }> } {
  const aliases = new Map<string, FixedColumn>();
  for (const key of FIXED_COLUMNS) for (const text of ctx.headers[key]) aliases.set(foldForMatch(text), key);
  const columns: SheetColumns = { fixed: {}, questions: new Map(), header: cells.map((cell) => cellText(cell)) };
  const unknown: Array<{ index: number; text: string }> = [];
  columns.header.forEach((text, index) => {
    if (text === '') return;
    const fixed = aliases.get(foldForMatch(text));
    if (fixed !== undefined && columns.fixed[fixed] === undefined) columns.fixed[fixed] = index;
    else unknown.push({ index, text });
  });
  return { columns, unknown };
}

/** Problems of a report sheet's header against its form version; question columns are recorded as found. */
function checkHeader(sheet: RawSheet, line: number, columns: SheetColumns, unknown: Array<{ index: number; text: string }>, form: Form, ctx: HistoryCheckContext): HistoryProblem[] {
  const problems: HistoryProblem[] = [];
  const at = (column: string | undefined, code: string, params: Record<string, string | number> = {}): HistoryProblem => ({ sheet: sheet.name, line, ...(column === undefined ? {} : { column }), code: `history.problem.${code}`, params });
  for (const key of ['unit_code', 'period'] as const) {
    if (columns.fixed[key] === undefined) problems.push(at(undefined, 'missing_column', { column: ctx.headers[key][0] ?? key }));
  }
  const questions = new Map(answerQuestions(form).map((q) => [q.name, q]));
  for (const { index, text } of unknown) {
    const name = questionNameOfHeader(text);
    if (!questions.has(name)) problems.push(at(text, 'unknown_column', { form: form.id, version: form.version }));
    else if (columns.questions.has(name)) problems.push(at(text, 'duplicate_column', { question: name }));
    else columns.questions.set(name, index);
  }
  for (const name of questions.keys()) {
    if (!columns.questions.has(name)) problems.push(at(undefined, 'missing_question_column', { question: name }));
  }
  return problems;
}

/** Checks every sheet of a workbook. A sheet not named "<form> v<version>" and without report columns (a guide, a unit list) is left alone. */
export function checkHistory(sheets: readonly RawSheet[], ctx: HistoryCheckContext): HistoryCheck {
  const result: HistoryCheck = { reports: [], rows: 0, skipped: 0, repeated: 0, problems: [] };
  const unitsByCode = new Map(ctx.units.map((unit) => [unit.code.toUpperCase(), unit]));
  const seen = new Map<string, { sheet: string; line: number; fingerprint: string }>();
  let reportSheets = 0;
  for (const sheet of sheets) {
    const [head, ...data] = sheet.rows;
    if (!head) continue;
    const { columns, unknown } = readHeader(head.cells, ctx);
    const looksLikeReports = columns.fixed.unit_code !== undefined && columns.fixed.period !== undefined;
    const named = parseSheetName(sheet.name);
    if (!named) {
      if (looksLikeReports) result.problems.push({ sheet: sheet.name, line: head.line, code: 'history.problem.sheet_name', params: { name: sheet.name } });
      continue;
    }
    reportSheets += 1;
    const versions = ctx.forms.get(named.formId);
    if (!versions) {
      result.problems.push({ sheet: sheet.name, line: head.line, code: 'history.problem.unknown_form', params: { form: named.formId, forms: [...ctx.forms.keys()].join(', ') } });
      continue;
    }
    const form = versions.get(named.version);
    if (!form) {
      result.problems.push({ sheet: sheet.name, line: head.line, code: 'history.problem.unknown_version', params: { form: named.formId, version: named.version, versions: [...versions.keys()].sort((a, b) => a - b).join(', ') } });
      continue;
    }
    const headerProblems = checkHeader(sheet, head.line, columns, unknown, form, ctx);
    if (headerProblems.length > 0) {
      result.problems.push(...headerProblems);
      continue;
    }
    for (const row of data) {
      result.rows += 1;
      const outcome = checkRow(sheet.name, row.line, row.cells, form, columns, unitsByCode, ctx);
      if (outcome === 'skipped') {
        result.skipped += 1;
        continue;
      }
      if (!('report' in outcome)) {
        result.problems.push(...outcome.problems);
        continue;
      }
      const { report } = outcome;
      const key = `${report.unitId}|${report.formId}|${report.periodKey}`;
      const fingerprint = answersFingerprint(report.formVersion, report.answers);
      const earlier = seen.get(key);
      if (earlier && earlier.fingerprint === fingerprint) {
        result.repeated += 1;
        continue;
      }
      if (earlier) {
        result.problems.push({ sheet: sheet.name, line: row.line, code: 'history.problem.duplicate_row', params: { unit: report.unitCode, period: report.periodKey, sheet: earlier.sheet, line: earlier.line } });
        continue;
      }
      seen.set(key, { sheet: sheet.name, line: row.line, fingerprint });
      result.reports.push(report);
    }
  }
  if (reportSheets === 0 && result.problems.length === 0) result.problems.push({ line: 0, code: 'history.problem.no_report_sheet' });
  return result;
}

/** One data row: a report, the problems that refuse it, or "skipped" for a unit the export lists as missing. */
function checkRow(
  sheet: string,
  line: number,
  cells: readonly RawCell[],
  form: Form,
  columns: SheetColumns,
  unitsByCode: ReadonlyMap<string, HistoryUnit>,
  ctx: HistoryCheckContext,
): { report: HistoryReport } | { problems: HistoryProblem[] } | 'skipped' {
  const problems: HistoryProblem[] = [];
  const header = (index: number | undefined) => (index === undefined ? undefined : columns.header[index]);
  const cell = (index: number | undefined) => (index === undefined ? null : (cells[index] ?? null));
  const fail = (index: number | undefined, code: string, params: Record<string, string | number> = {}) => {
    const column = header(index);
    problems.push({ sheet, line, ...(column === undefined ? {} : { column }), code, params });
  };
  const questions = answerQuestions(form);
  const hasAnswers = questions.some((q) => !isBlankCell(cell(columns.questions.get(q.name))));

  const status = readStatusCell(cell(columns.fixed.status), ctx.statusWords);
  if (status === 'missing') {
    if (!hasAnswers) return 'skipped';
    fail(columns.fixed.status, 'history.problem.missing_with_answers');
  }
  if (status === 'unknown') fail(columns.fixed.status, 'history.problem.unknown_status', { value: cellText(cell(columns.fixed.status)), allowed: [...ctx.statusWords.onTime, ...ctx.statusWords.late].join(', ') });

  const code = cellText(cell(columns.fixed.unit_code));
  const unit = unitsByCode.get(code.toUpperCase());
  if (code === '') fail(columns.fixed.unit_code, 'history.problem.unit_missing');
  else if (!unit) fail(columns.fixed.unit_code, 'history.problem.unknown_unit', { code });

  const example = examplePeriod(form, ctx);
  const period = readPeriodCell(cell(columns.fixed.period), form.period);
  let periodKey: string | undefined;
  if (isBlankCell(cell(columns.fixed.period))) fail(columns.fixed.period, 'history.problem.period_missing', { example });
  else if ('invalid' in period) fail(columns.fixed.period, 'history.problem.not_a_period', { value: period.invalid, example });
  else if (periodKindOf(period.key) !== form.period) fail(columns.fixed.period, 'history.problem.period_wrong_kind', { value: period.key, form: form.id, example });
  else if (periodRange(period.key, ctx.timeZone).start.getTime() > ctx.now.getTime()) fail(columns.fixed.period, 'history.problem.period_not_started', { value: period.key });
  else periodKey = period.key;

  const timeCell = cell(columns.fixed.submitted_at);
  const submittedAt = isBlankCell(timeCell) ? null : readTimeCell(timeCell, ctx.timeZone);
  if (!isBlankCell(timeCell) && submittedAt === null) fail(columns.fixed.submitted_at, 'history.problem.bad_time', { value: cellText(timeCell) });
  else if (submittedAt && submittedAt.getTime() > ctx.now.getTime()) fail(columns.fixed.submitted_at, 'history.problem.time_in_future', { value: cellText(timeCell) });

  const answers: Answers = {};
  for (const question of questions) {
    const index = columns.questions.get(question.name);
    const read = readAnswerCell(form, question, cell(index));
    if (!read.ok) fail(index, read.error.code, read.error.params as Record<string, string | number>);
    else if (read.value !== null) answers[question.name] = read.value;
  }
  if (problems.length === 0) {
    for (const problem of validateSubmission(form, answers, { locale: ctx.locale })) {
      fail(columns.questions.get(problem.question), problem.code, problem.params as Record<string, string | number>);
    }
  }
  if (problems.length > 0 || !unit || periodKey === undefined) return { problems };
  const window = periodWindow(form, periodKey, ctx.timeZone);
  const at = submittedAt ?? window.dueAt;
  const late = status === 'late' ? true : status === 'on_time' ? false : submittedAt !== null && isLate(window, submittedAt);
  return {
    report: { sheet, line, unitId: unit.id, unitCode: unit.code, formId: form.id, formVersion: form.version, periodKey, answers: pruneIrrelevant(form, answers), late, submittedAt: at },
  };
}

/** A period key of the form's kind to show in a refusal: the last one before the current. */
function examplePeriod(form: Form, ctx: HistoryCheckContext): string {
  return previousPeriodKey(periodKeyAt(form.period, ctx.now, ctx.timeZone));
}
