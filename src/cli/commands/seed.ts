import type { Command } from 'commander';
import { seedDemoProvince } from '../../storage/seed-demo.ts';
import type { CliContext } from '../cli-context.ts';

/** `seed demo`: loads the demo province; running it again changes nothing. */
export function registerSeedCommands(program: Command, ctx: CliContext): void {
  const seed = program.command('seed').description('Demo data / Dữ liệu mẫu');
  seed
    .command('demo')
    .description('Load the demo province (idempotent)')
    .option('--json', 'print JSON only')
    .action(async (options: { json?: boolean }) => {
      const report = await seedDemoProvince(await ctx.getPrisma());
      if (options.json) return ctx.json(report);
      ctx.say('cli.seed_done', { ...report });
    });
}
