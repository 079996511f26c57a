import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { describeColumns, UNIT_COLUMNS } from '../../admin/column-spec.ts';
import { importReport } from '../../admin/import-report.ts';
import { importUnits } from '../../admin/import-units.ts';
import { terminalProgress } from '../../admin/import-progress.ts';
import { UNIT_KINDS } from '../../admin/vocabulary.ts';
import { UnitRepository } from '../../storage/repositories/unit-repository.ts';
import type { CliContext } from '../cli-context.ts';

const UNITS_HELP = `
File: CSV (UTF-8, with or without BOM; "," or ";" separated) or Excel .xlsx (first sheet).
Columns (headers in English or Vietnamese; case and diacritics are ignored):
${describeColumns(UNIT_COLUMNS)}
Kinds: ${UNIT_KINDS.join(', ')} (or tỉnh, sở/ban/ngành, cơ quan/đơn vị, hội/hội đặc thù, cơ sở).
An empty parent code makes a top-level unit.

Every row is checked first; nothing is written unless the whole file is valid. Units are matched by
code, so importing the same file twice changes nothing. A unit left out of the file is deactivated,
never deleted (its reports stay); the root province unit and the parents of units in the file stay active.`;

/** Reads an import file, turning a missing or unreadable file into an operator-facing error. */
export async function readImportBytes(ctx: CliContext, file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch {
    throw ctx.error('admin.file_unreadable', { file });
  }
}

/** Prints an import's outcome (summary, or problems on standard error with a failing exit code). */
export function printImport(ctx: CliContext, report: ReturnType<typeof importReport>, json: boolean | undefined): void {
  if (json) ctx.json(report.json);
  else for (const line of report.stdout) process.stdout.write(`${line}\n`);
  if (report.stderr.length > 0) process.stderr.write(`${report.stderr.join('\n')}\n`);
  if (report.failed) process.exitCode = 1;
}

/** `units import`, `units list`: the unit hierarchy, loaded from a spreadsheet and shown as a tree. */
export function registerUnitsCommands(program: Command, ctx: CliContext): void {
  const units = program.command('units').description('Units / Đơn vị');
  units
    .command('import <file>')
    .description('Load or update the units from a CSV or Excel file')
    .option('--dry-run', 'check the file and show what would change, without writing')
    .option('--json', 'print only the summary as JSON')
    .addHelpText('after', UNITS_HELP)
    .action(async (file: string, options: { dryRun?: boolean; json?: boolean }) => {
      const bytes = await readImportBytes(ctx, file);
      const outcome = await importUnits(bytes, basename(file), new UnitRepository(await ctx.getPrisma()), {
        actor: 'cli',
        dryRun: options.dryRun ?? false,
        progressFor: (rows) => terminalProgress(rows, ctx.t('admin.progress')),
      });
      printImport(ctx, importReport(ctx.locale, outcome), options.json);
    });
  units
    .command('list')
    .description('Show the units in tree order (active ones unless --all)')
    .option('--all', 'include deactivated units')
    .option('--json', 'print JSON only')
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
