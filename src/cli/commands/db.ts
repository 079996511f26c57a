import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { isPostgresUrl } from '../../config.ts';
import { copyDatabase, TABLES_WITH_SERIAL_ID } from '../../storage/copy-database.ts';
import { migrateDatabaseUrl, openDatabase } from '../../storage/database.ts';
import type { CliContext } from '../cli-context.ts';

/** `db migrate`: applies the shipped migrations; a second run does nothing. */
export function registerDbCommands(program: Command, ctx: CliContext): void {
  const db = program.command('db').description(ctx.t('cli_help.db'));
  db.command('migrate')
    .description(ctx.t('cli_help.db_migrate'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { json?: boolean }) => {
      const report = await migrateDatabaseUrl(ctx.getConfig().DATABASE_URL);
      if (options.json) return ctx.json(report);
      if (report.applied.length) ctx.say('cli.migrate_applied', { names: report.applied.join(', ') });
      else ctx.say('cli.migrate_nothing', { count: report.alreadyApplied });
    });
  db.command('copy')
    .description(ctx.t('cli_help.db_copy'))
    .requiredOption('--from <url>', ctx.t('cli_help.db_copy_from'))
    .requiredOption('--to <url>', ctx.t('cli_help.db_copy_to'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { from: string; to: string; json?: boolean }) => {
      for (const url of [options.from, options.to]) {
        if (!/^(file:|postgres(ql)?:\/\/)/.test(url)) throw ctx.error('cli.copy_bad_url');
      }
      const source = await openDatabase(ctx.databaseUrl(options.from));
      const target = await openDatabase(ctx.databaseUrl(options.to));
      try {
        if ((await target.prisma.unit.count()) + (await target.prisma.contact.count()) > 0) throw ctx.error('cli.copy_target_not_empty');
        const bar = ctx.io.progressTerminal && !options.json ? new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} | {table}', stream: ctx.io.progressTerminal }) : null;
        let started = false;
        const report = await copyDatabase(source.prisma, target.prisma, {
          onProgress: (done, total, table) => {
            if (bar && !started) {
              bar.start(total, 0, { table });
              started = true;
            }
            bar?.update(done, { table });
          },
          afterCopy: async (table) => {
            const name = TABLES_WITH_SERIAL_ID[table];
            if (!name || !isPostgresUrl(options.to)) return;
            // Keep PostgreSQL's id sequence past the copied ids, so new rows do not collide.
            await target.prisma.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${name}"', 'id'), GREATEST((SELECT MAX(id) FROM "${name}"), 1))`);
          },
        });
        bar?.stop();
        if (options.json) ctx.json(report);
        else {
          for (const row of report.tables) ctx.say('cli.copy_line', { table: row.table, source: row.source, target: row.target, mark: row.source === row.target ? '✓' : '✗' });
          ctx.say(report.ok ? 'cli.copy_ok' : 'cli.copy_mismatch');
        }
        if (!report.ok) ctx.markFailed();
      } finally {
        await source.prisma.$disconnect();
        await target.prisma.$disconnect();
      }
    });
}
