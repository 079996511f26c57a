import type { Command } from 'commander';
import { seedDemoProvince } from '../../storage/seed-demo.ts';
import type { CliContext } from '../cli-context.ts';

/** `seed demo`: loads the demo province; running it again changes nothing. */
export function registerSeedCommands(program: Command, ctx: CliContext): void {
  const seed = program.command('seed').description(ctx.t('cli_help.seed'));
  seed
    .command('demo')
    .description(ctx.t('cli_help.seed_demo'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { json?: boolean }) => {
      const report = await seedDemoProvince(await ctx.getPrisma());
      if (options.json) return ctx.json(report);
      ctx.say('cli.seed_done', { ...report });
    });
}
