import { basename } from 'node:path';
import type { Command } from 'commander';
import { importHistory, type HistoryOutcome } from '../../app/history/import-history.ts';
import type { HistoryProblem } from '../../app/history/history-ports.ts';
import { readReportWorkbook } from '../../exports/read-report-workbook.ts';
import type { Locale } from '../../domain/localized-text.ts';
import { translate } from '../../i18n/translator.ts';
import { HistoryRepository } from '../../storage/repositories/history-repository.ts';
import type { CliContext } from '../cli-context.ts';
import { reportDeps } from './report-reads.ts';
import { formCatalog } from './form-catalog.ts';
import { readImportBytes } from './units.ts';

/** One problem as a line: "Trang “monthly_figures v1”, dòng 5, cột “admitted: …”: …" in the operator's language. */
export function renderHistoryProblem(locale: Locale, problem: HistoryProblem): string {
  const message = translate(locale, problem.code, problem.params ?? {});
  if (problem.line <= 0 || problem.sheet === undefined) return message;
  const key = problem.column === undefined ? 'history.at_row' : 'history.at_cell';
  return translate(locale, key, { sheet: problem.sheet, line: problem.line, column: problem.column ?? '', message });
}

/** Prints the outcome: the summary on standard output, or every problem on standard error and exit code 1. */
function printOutcome(ctx: CliContext, outcome: HistoryOutcome, json: boolean | undefined): void {
  if (!outcome.ok) {
    const lines = outcome.problems.map((problem) => renderHistoryProblem(ctx.locale, problem));
    if (json) ctx.json({ ok: false, problems: outcome.problems.map((p, i) => ({ sheet: p.sheet ?? null, line: p.line, column: p.column ?? null, code: p.code, message: lines[i] })) });
    ctx.err(`${[ctx.t('history.invalid', { count: lines.length }), ...lines.map((line) => `- ${line}`)].join('\n')}\n`);
    ctx.markFailed();
    return;
  }
  const { summary } = outcome;
  if (json) return ctx.json({ ok: true, ...summary });
  const counts = { imported: summary.imported, unchanged: summary.unchanged, skipped: summary.skipped };
  if (summary.imported === 0) ctx.say('history.nothing_new', counts);
  else ctx.say(summary.dryRun ? 'history.checked' : 'history.done', counts);
  for (const [form, periods] of Object.entries(summary.byForm)) {
    ctx.say('history.by_form', { form, periods: Object.entries(periods).map(([period, count]) => `${period} (${count})`).join(', ') });
  }
}

/**
 * `submissions import <file.xlsx> [--dry-run] [--json]`: past reports from a workbook in the export's
 * layout, checked row by row, written all or nothing, accepted and marked imported by the operator ("cli").
 */
export function registerImportCommand(submissions: Command, ctx: CliContext): void {
  submissions
    .command('import <file>')
    .description(ctx.t('history.help_import'))
    .option('--dry-run', ctx.t('cli_help.dry_run'))
    .option('--json', ctx.t('cli_help.json_summary'))
    .addHelpText('after', `\n${ctx.t('history.help_import_rules')}`)
    .action(async (file: string, options: { dryRun?: boolean; json?: boolean }) => {
      const bytes = await readImportBytes(ctx, file);
      const sheets = await readReportWorkbook(bytes);
      if (!sheets) return printOutcome(ctx, { ok: false, problems: [{ line: 0, code: 'history.problem.not_a_workbook', params: { file: basename(file) } }] }, options.json);
      const deps = await reportDeps(ctx);
      const outcome = await importHistory(sheets, new HistoryRepository(await ctx.getPrisma()), {
        file: basename(file),
        actor: 'cli',
        dryRun: options.dryRun ?? false,
        forms: await formCatalog(ctx, deps.forms()),
        timeZone: deps.timeZone,
        now: new Date(),
        locale: ctx.locale,
      });
      printOutcome(ctx, outcome, options.json);
    });
}
