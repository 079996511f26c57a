import type { Command } from 'commander';
import { migrateDatabaseUrl } from '../../storage/database.ts';
import type { CliContext } from '../cli-context.ts';

/** `db migrate`: applies the shipped migrations; a second run does nothing. */
export function registerDbCommands(program: Command, ctx: CliContext): void {
  const db = program.command('db').description('Database / Cơ sở dữ liệu');
  db.command('migrate')
    .description('Apply pending database migrations')
    .option('--json', 'print JSON only')
    .action(async (options: { json?: boolean }) => {
      const report = await migrateDatabaseUrl(ctx.getConfig().DATABASE_URL);
      if (options.json) return ctx.json(report);
      if (report.applied.length) ctx.say('cli.migrate_applied', { names: report.applied.join(', ') });
      else ctx.say('cli.migrate_nothing', { count: report.alreadyApplied });
    });
}
