import type { Command } from 'commander';
import { choosePeriod, sendReminderWaveNow } from '../../app/manual-reminder-wave.ts';
import { periodLabel } from '../../dialog/period-label.ts';
import { pickText } from '../../domain/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { readFormFolder } from '../../storage/form-files.ts';
import { syncForms } from '../../storage/repositories/form-repository.ts';
import { JobRunRepository } from '../../storage/repositories/job-run-repository.ts';
import { RecipientRepository } from '../../storage/repositories/recipient-repository.ts';
import type { CliContext } from '../cli-context.ts';

/**
 * `reminders send`: a reminder wave now, by the scheduler's rules, written to the outbox (the running
 * bot delivers it) and to the audit log.
 */
export function registerRemindersCommands(program: Command, ctx: CliContext): void {
  const reminders = program.command('reminders').description(ctx.t('cli_help.reminders'));
  reminders
    .command('send')
    .description(ctx.t('cli_help.reminders_send'))
    .requiredOption('--form <form_id>', ctx.t('cli_help.form_id'))
    .option('--period <key>', ctx.t('cli_help.reminders_send_period'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { form: string; period?: string; json?: boolean }) => {
      const config = ctx.getConfig();
      const prisma = await ctx.getPrisma();
      // The same form versions the bot records at start (and the Period rows need).
      const form = (await syncForms(prisma, readFormFolder())).current().find((candidate) => candidate.id === options.form);
      if (!form) throw ctx.error('cli.form_not_found', { form: options.form });
      const now = new Date();
      const window = choosePeriod(form, options.period, now, config.BOT_TIMEZONE, (instant) => formatDateTime(ctx.locale, instant, config.BOT_TIMEZONE));
      const deps = { recipients: new RecipientRepository(prisma), store: new JobRunRepository(prisma), timeZone: config.BOT_TIMEZONE };
      const result = await sendReminderWaveNow(deps, form, window, now);
      await prisma.auditLog.create({
        data: { at: now, actor: 'cli', action: 'reminders.send', entity: 'form', entityId: form.id, detail: JSON.stringify({ period: window.key, key: result.key, ...result.detail }) },
      });
      const summary = { form: form.id, period: window.key, key: result.key, status: result.status, messages: result.messages, ...result.detail };
      if (options.json) return ctx.json(summary);
      const period = periodLabel(form.period, window.key);
      ctx.say('jobs.reminders_sent', {
        messages: result.messages,
        form: pickText(form.title, ctx.locale),
        period: ctx.t(period.key, period.params as Record<string, number>),
        due: formatDateTime(ctx.locale, window.dueAt, config.BOT_TIMEZONE),
        units: Number(result.detail.units ?? 0),
        away: Number(result.detail.away ?? 0),
        unreachable: Number(result.detail.unreachable ?? 0),
      });
    });
}
