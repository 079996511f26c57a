/**
 * `submissions import`: loads the reports a province kept before the bot from a workbook in the export's
 * layout. Every row is checked first; a report already stored with the same answers is left as it is
 * (so importing a file twice changes nothing the second time), one stored with other answers refuses
 * its row (history never overwrites a report); and only a file without a single problem is written, in
 * one transaction. A dry run checks everything the same way and writes nothing.
 */
import type { Locale } from '../../domain/index.ts';
import type { RawSheet } from '../../exports/read-report-workbook.ts';
import { FIXED_COLUMNS, type FixedColumn } from '../../exports/report-columns.ts';
import { LOCALES } from '../../domain/localized-text.ts';
import { translate } from '../../i18n/translator.ts';
import { foldForMatch } from '../../domain/text/normalize.ts';
import { answersFingerprint, checkHistory } from './history-check.ts';
import type { StatusWords } from './history-cells.ts';
import type { FormCatalog, HistoryProblem, HistoryStore } from './history-ports.ts';

/** What an import did, or would do on a dry run. */
export interface HistorySummary {
  file: string;
  dryRun: boolean;
  /** Data rows read over every report sheet. */
  rows: number;
  /** Reports written (or, on a dry run, that would be). */
  imported: number;
  /** Reports already stored with the same answers, left as they are. */
  unchanged: number;
  /** Rows of units that filed nothing ("missing" in an export), passed over. */
  skipped: number;
  /** Rows repeating an earlier row of the file exactly, counted once. */
  repeated: number;
  /** Reports written per form and period, e.g. { monthly_figures: { "2026-01": 12 } }. */
  byForm: Record<string, Record<string, number>>;
}

/** The outcome: the summary, or every problem (and then nothing was written). */
export type HistoryOutcome = { ok: true; summary: HistorySummary } | { ok: false; problems: HistoryProblem[] };

/** The import's inputs besides the workbook. */
export interface HistoryImportOptions {
  file: string;
  actor: string;
  dryRun: boolean;
  forms: FormCatalog;
  timeZone: string;
  now: Date;
  /** The operator's language, for the forms' own constraint messages. */
  locale: Locale;
}

/** The fixed columns' headers in every language, so a workbook exported in English imports in Vietnamese. */
export function headerAliases(): Record<FixedColumn, string[]> {
  return Object.fromEntries(FIXED_COLUMNS.map((key) => [key, LOCALES.map((locale) => translate(locale, `exports.col_${key}`))])) as Record<FixedColumn, string[]>;
}

/** The export's status words in every language. */
export function statusWords(): StatusWords {
  const words = (key: string) => new Set(LOCALES.map((locale) => foldForMatch(translate(locale, `exports.${key}`))));
  return { onTime: words('status_on_time'), late: words('status_late'), missing: words('status_missing') };
}

/** Checks a workbook's sheets and, unless it is a dry run or a problem was found, stores its reports. */
export async function importHistory(sheets: readonly RawSheet[], store: HistoryStore, options: HistoryImportOptions): Promise<HistoryOutcome> {
  const check = checkHistory(sheets, {
    forms: options.forms,
    units: await store.units(),
    headers: headerAliases(),
    statusWords: statusWords(),
    timeZone: options.timeZone,
    now: options.now,
    locale: options.locale,
  });
  if (check.problems.length > 0) return { ok: false, problems: check.problems };
  const stored = new Map((await store.stored(check.reports)).map((row) => [`${row.unitId}|${row.formId}|${row.periodKey}`, row]));
  const problems: HistoryProblem[] = [];
  const fresh = check.reports.filter((report) => {
    const existing = stored.get(`${report.unitId}|${report.formId}|${report.periodKey}`);
    if (!existing) return true;
    if (answersFingerprint(existing.formVersion, existing.answers) !== answersFingerprint(report.formVersion, report.answers)) {
      problems.push({ sheet: report.sheet, line: report.line, code: 'history.problem.conflicts_stored', params: { unit: report.unitCode, period: report.periodKey, id: existing.id } });
    }
    return false;
  });
  if (problems.length > 0) return { ok: false, problems };
  const byForm: HistorySummary['byForm'] = {};
  for (const report of fresh) {
    const periods = (byForm[report.formId] ??= {});
    periods[report.periodKey] = (periods[report.periodKey] ?? 0) + 1;
  }
  const unchanged = check.reports.length - fresh.length;
  if (!options.dryRun && fresh.length > 0) await store.write(fresh, { actor: options.actor, file: options.file, unchanged }, options.now);
  return {
    ok: true,
    summary: { file: options.file, dryRun: options.dryRun, rows: check.rows, imported: fresh.length, unchanged, skipped: check.skipped, repeated: check.repeated, byForm },
  };
}
