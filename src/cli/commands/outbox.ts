import type { Command } from 'commander';
import { formatDateTime } from '../../i18n/format.ts';
import { OutboxRepository } from '../../storage/repositories/outbox-repository.ts';
import type { CliContext } from '../cli-context.ts';

const RECENT_DEAD = 5;

/** `outbox status`: how many messages wait, are being sent, were sent, failed for now, or were given up, and why. */
export function registerOutboxCommands(program: Command, ctx: CliContext): void {
  const outbox = program.command('outbox').description(ctx.t('cli_help.outbox'));
  outbox
    .command('status')
    .description(ctx.t('cli_help.outbox_status'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { json?: boolean }) => {
      const repository = new OutboxRepository(await ctx.getPrisma());
      const counts = await repository.counts();
      const dead = await repository.recentDead(RECENT_DEAD);
      if (options.json) return ctx.json({ counts, dead: dead.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })) });
      ctx.say('jobs.outbox_counts', counts);
      if (dead.length === 0) return;
      ctx.say('jobs.outbox_dead_title', { count: dead.length });
      const timeZone = ctx.getConfig().BOT_TIMEZONE;
      for (const row of dead) {
        ctx.say('jobs.outbox_dead_line', { id: row.id, kind: row.kind, channel: row.channel, at: formatDateTime(ctx.locale, row.createdAt, timeZone), reason: row.reason });
      }
    });
}
