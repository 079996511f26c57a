import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { byName, isReportingUnit, UnitTree } from '../../domain/digest/index.ts';
import { loadForm, type Form } from '../../domain/index.ts';
import { submissionSheets } from '../../exports/submissions-export.ts';
import { writeWorkbook } from '../../exports/workbook.ts';
import type { CliContext } from '../cli-context.ts';
import { outputFile, periodOption } from '../option-checks.ts';
import { reportDeps } from './report-reads.ts';
import { writeTemplate } from './export-template.ts';

/** Every stored version of a form, plus the shipped file's (it may not be stored yet). */
async function formVersions(ctx: CliContext, current: Form): Promise<Map<number, Form>> {
  const prisma = await ctx.getPrisma();
  const versions = new Map<number, Form>();
  for (const row of await prisma.formVersion.findMany({ where: { formId: current.id } })) {
    const loaded = loadForm(JSON.parse(row.definition), `${row.formId} v${row.version}`);
    if (loaded.ok) versions.set(row.version, loaded.form);
  }
  versions.set(current.version, current);
  return versions;
}

/**
 * `export --form <id> --period <key> --out <file.xlsx>`: one period's submissions and missing units;
 * `export --template --form <id> [--out <file.xlsx>]`: the same layout, empty, for past reports.
 */
export function registerExportCommand(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description(ctx.t('cli_help.export'))
    .requiredOption('--form <form_id>', ctx.t('cli_help.form_id'))
    .option('--period <key>', ctx.t('cli_help.export_period'))
    .option('--out <file>', ctx.t('cli_help.export_out'))
    .option('--template', ctx.t('history.help_template'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { form: string; period?: string; out?: string; template?: boolean; json?: boolean }) => {
      if (options.template && options.period !== undefined) throw ctx.error('history.template_period');
      if (!options.template && options.period === undefined) throw ctx.error('cli.usage_missing_option', { option: '--period <key>' });
      if (!options.template && options.out === undefined) throw ctx.error('cli.usage_missing_option', { option: '--out <file>' });
      const out = options.template ? null : outputFile('--out', options.out ?? '', ctx.io.cwd);
      const deps = await reportDeps(ctx);
      const form = deps.forms().find((f) => f.id === options.form);
      if (!form) throw ctx.error('cli.form_not_found', { form: options.form });
      if (out === null) return writeTemplate(ctx, form, options.out, options.json);
      const period = periodOption('--period', options.period ?? '', form, deps.timeZone);
      const tree = new UnitTree(await deps.source.units());
      const units = tree.units.filter(isReportingUnit).sort(byName);
      const submissions = await deps.source.list({ formId: form.id, periodKey: period });
      const sheets = submissionSheets(submissions, {
        versions: await formVersions(ctx, form),
        units,
        tree,
        locale: ctx.locale,
        timeZone: deps.timeZone,
        periodKey: period,
        t: (key, params) => ctx.t(`exports.${key}`, params),
      });
      writeFileSync(out, await writeWorkbook(sheets));
      const rows = sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
      const summary = { file: options.out, rows, submitted: submissions.length, missing: rows - submissions.length, sheets: sheets.map((s) => s.name) };
      if (options.json) return ctx.json(summary);
      ctx.say('exports.export_done', { rows, submitted: summary.submitted, missing: summary.missing, file: options.out });
    });
}
