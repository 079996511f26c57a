import type { Locale } from '../../domain/localized-text.ts';
import { translate } from '../../i18n/translator.ts';
import { renderProblem, sortProblems } from './import-problem.ts';
import type { ImportOutcome } from './import-units.ts';

/** What an import prints: the text for people, the JSON for scripts, and whether it failed. */
export interface ImportReport {
  failed: boolean;
  /** Standard output: the summary line, or nothing when the file was refused. */
  stdout: string[];
  /** Standard error: the problems, one a line, under a heading. */
  stderr: string[];
  json: unknown;
}

/**
 * Turns an import's outcome into output, so `units import` and `contacts import` report alike: the
 * summary (added, updated, deactivated, unchanged) or every problem by line and column.
 */
export function importReport(locale: Locale, outcome: ImportOutcome): ImportReport {
  if (!outcome.ok) {
    const problems = sortProblems(outcome.problems);
    const lines = problems.map((item) => renderProblem(locale, item));
    return {
      failed: true,
      stdout: [],
      stderr: [translate(locale, 'admin.import_invalid', { count: problems.length }), ...lines.map((line) => `- ${line}`)],
      json: { ok: false, problems: problems.map((item, index) => ({ line: item.line, column: item.column ?? null, code: item.code, message: lines[index] })) },
    };
  }
  const key = outcome.dryRun ? 'admin.import_checked' : 'admin.import_done';
  return {
    failed: false,
    stdout: [translate(locale, key, { ...outcome.summary })],
    stderr: [],
    json: { ok: true, dryRun: outcome.dryRun, rows: outcome.rows, ...outcome.summary },
  };
}
