import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { describeColumns, UNIT_COLUMNS } from '../../app/admin/column-spec.ts';
import { importReport } from '../../app/admin/import-report.ts';
import { importUnits } from '../../app/admin/import-units.ts';
import { UNIT_KINDS } from '../../domain/organisation/vocabulary.ts';
import { UnitRepository } from '../../storage/repositories/unit-repository.ts';
import type { CliContext } from '../cli-context.ts';

/** The text after `units import --help`: the file format, the accepted headers (built from the column spec) and the rules. */
function unitsHelp(ctx: CliContext): string {
  const columns = ctx.t('cli_help.import_file_columns', { columns: describeColumns(UNIT_COLUMNS) });
  return `\n${columns}\n${ctx.t('cli_help.units_import_rules', { kinds: UNIT_KINDS.join(', ') })}`;
}

/** Reads an import file, turning a missing or unreadable file into an operator-facing error. */
export async function readImportBytes(ctx: CliContext, file: string): Promise<Uint8Array> {
  try {
    return await readFile(ctx.path(file));
  } catch {
    throw ctx.error('admin.file_unreadable', { file });
  }
}

/** Prints an import's outcome (summary, or problems on standard error with a failing exit code). */
export function printImport(ctx: CliContext, report: ReturnType<typeof importReport>, json: boolean | undefined): void {
  if (json) ctx.json(report.json);
  else for (const line of report.stdout) ctx.out(`${line}\n`);
  if (report.stderr.length > 0) ctx.err(`${report.stderr.join('\n')}\n`);
  if (report.failed) ctx.markFailed();
}

/** `units import`, `units list`: the unit hierarchy, loaded from a spreadsheet and shown as a tree. */
export function registerUnitsCommands(program: Command, ctx: CliContext): void {
  const units = program.command('units').description(ctx.t('cli_help.units'));
  units
    .command('import <file>')
    .description(ctx.t('cli_help.units_import'))
    .option('--dry-run', ctx.t('cli_help.dry_run'))
    .option('--json', ctx.t('cli_help.json_summary'))
    .addHelpText('after', unitsHelp(ctx))
    .action(async (file: string, options: { dryRun?: boolean; json?: boolean }) => {
      const bytes = await readImportBytes(ctx, file);
      const outcome = await importUnits(bytes, basename(file), new UnitRepository(await ctx.getPrisma()), {
        actor: 'cli',
        dryRun: options.dryRun ?? false,
        progressFor: (rows) => ctx.progressFor(rows),
      });
      printImport(ctx, importReport(ctx.locale, outcome), options.json);
    });
  units
    .command('list')
    .description(ctx.t('cli_help.units_list'))
    .option('--all', ctx.t('cli_help.units_list_all'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { all?: boolean; json?: boolean }) => {
      const rows = await new UnitRepository(await ctx.getPrisma()).list({ all: options.all });
      if (options.json) return ctx.json(rows);
      if (rows.length === 0) return ctx.say('admin.units_none');
      for (const row of rows) {
        ctx.say('admin.unit_line', {
          indent: '  '.repeat(row.depth),
          code: row.code,
          name: row.name,
          kind: row.kind,
          parent: row.parent ? ctx.t('admin.unit_parent', { parent: row.parent }) : '',
          status: row.active ? '' : ctx.t('admin.unit_inactive'),
        });
      }
    });
}
