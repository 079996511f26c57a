import type { Command } from 'commander';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isReportKind, parseReportYear, PLAN_START_YEAR, type ReportKind } from '../../app/annual-report/report-period.ts';
import { compileReport } from '../../documents/compile-report.ts';
import { isReportLayout } from '../../documents/report-settings.ts';
import { ReportText } from '../../documents/report-text.ts';
import type { CliContext } from '../cli-context.ts';
import { operatorScope, reportDeps } from './report-reads.ts';
import { indicatorJson, parseAtDate } from './indicators.ts';

interface CompileOptions {
  year: string;
  scope?: string;
  kind: string;
  at?: string;
  layout?: string;
  out: string;
  xlsx?: string;
  json?: boolean;
}

/** Refuses an output path whose folder does not exist, before any work is done. */
function checkFolder(ctx: CliContext, file: string): void {
  const folder = dirname(ctx.path(file));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw ctx.error('report.out_folder_missing', { file });
}

/**
 * `report compile --year Y [--scope <code>] [--kind annual|so-ket|tong-ket] [--at <date>]
 * [--layout party|state] --out <file.docx> [--xlsx <file.xlsx>] [--json]`: the compiled report.
 */
export function registerReportCommands(program: Command, ctx: CliContext): void {
  const report = program.command('report').description(ctx.t('report.cli_group'));
  report
    .command('compile')
    .description(ctx.t('report.cli_compile'))
    .requiredOption('--year <year>', ctx.t('report.cli_year'))
    .option('--scope <code>', ctx.t('report.cli_scope'))
    .option('--kind <kind>', ctx.t('report.cli_kind'), 'annual')
    .option('--at <date>', ctx.t('report.cli_at'))
    .option('--layout <layout>', ctx.t('report.cli_layout'))
    .requiredOption('--out <file>', ctx.t('report.cli_out'))
    .option('--xlsx <file>', ctx.t('report.cli_xlsx'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: CompileOptions) => {
      const now = new Date();
      const year = parseReportYear(options.year);
      if (year === null) throw ctx.error('report.invalid_year', { year: options.year, from: PLAN_START_YEAR, to: new Date().getFullYear() });
      if (!isReportKind(options.kind)) throw ctx.error('report.invalid_kind', { kind: options.kind });
      const kind: ReportKind = options.kind;
      if (options.layout !== undefined && !isReportLayout(options.layout)) throw ctx.error('report.invalid_layout', { layout: options.layout });
      checkFolder(ctx, options.out);
      if (options.xlsx) checkFolder(ctx, options.xlsx);
      const config = ctx.getConfig();
      const deps = await reportDeps(ctx);
      const at = options.at ? parseAtDate(options.at, deps.timeZone) : undefined;
      if (at === null) throw ctx.error('exports.invalid_date', { date: options.at ?? '' });
      const scope = await operatorScope(ctx, deps, options.scope);
      const layout = options.layout as 'party' | 'state' | undefined;
      const compiled = await compileReport(deps, {
        kind,
        year,
        scope,
        now,
        ...(at ? { at } : {}),
        ...(layout ? { layout } : {}),
        locale: ctx.locale,
        settings: config,
        withXlsx: Boolean(options.xlsx),
      });
      writeFileSync(ctx.path(options.out), compiled.docx);
      if (options.xlsx && compiled.xlsx) writeFileSync(ctx.path(options.xlsx), compiled.xlsx);
      const { content } = compiled;
      const text = new ReportText(ctx.locale, deps.timeZone);
      if (options.json) {
        return ctx.json({
          file: options.out,
          xlsx: options.xlsx ?? null,
          kind,
          year,
          from_year: content.period.fromYear,
          to_year: content.period.toYear,
          at: content.period.at.toISOString(),
          layout: layout ?? config.REPORT_LAYOUT,
          scope: content.scopeName,
          reporting_units: content.reportingUnits,
          indicators: content.indicators.map((detail) => indicatorJson(detail.summary)),
        });
      }
      ctx.say('report.compiled', { summary: text.summary(content), scope: content.scopeName, file: options.out });
      if (options.xlsx) ctx.say('report.compiled_xlsx', { file: options.xlsx });
    });
}
