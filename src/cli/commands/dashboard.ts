import type { Command } from 'commander';
import { mayUseDashboard } from '../../app/dashboard-command.ts';
import { systemClock } from '../../app/ports.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { ContactRepository } from '../../storage/repositories/contact-repository.ts';
import { DashboardAuthRepository } from '../../storage/repositories/dashboard-auth-repository.ts';
import { dashboardAuth } from '../../web/dashboard/wire-dashboard.ts';
import type { CliContext } from '../cli-context.ts';

function contactId(ctx: CliContext, value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw ctx.error('cli.dashboard_bad_contact', { contact: value });
  return Number(value);
}

/**
 * `dashboard link --contact <id>`: a sign-in link for trying the dashboard locally; and `sessions list`,
 * `sessions revoke [<id>|--contact <id>|--all]` to see and end dashboard sessions.
 */
export function registerDashboardCommands(program: Command, ctx: CliContext): void {
  const dashboard = program.command('dashboard').description(ctx.t('cli_help.dashboard'));
  dashboard
    .command('link')
    .description(ctx.t('cli_help.dashboard_link'))
    .requiredOption('--contact <id>', ctx.t('cli_help.dashboard_contact'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { contact: string; json?: boolean }) => {
      const id = contactId(ctx, options.contact);
      const prisma = await ctx.getPrisma();
      const contact = await new ContactRepository(prisma).findById(id);
      if (!contact) throw ctx.error('cli.dashboard_no_contact', { contact: options.contact });
      if (!mayUseDashboard(contact)) throw ctx.error('cli.dashboard_not_supervisor', { contact: contact.name });
      const link = await dashboardAuth(prisma, ctx.getConfig(), systemClock).issueLink(id, 'cli');
      if (options.json) return ctx.json({ contactId: id, url: link.url, expiresAt: link.expiresAt.toISOString() });
      ctx.say('cli.dashboard_link', { name: contact.name, url: link.url, until: formatDateTime(ctx.locale, link.expiresAt, ctx.getConfig().BOT_TIMEZONE) });
    });

  const sessions = program.command('sessions').description(ctx.t('cli_help.sessions'));
  sessions
    .command('list')
    .description(ctx.t('cli_help.sessions_list'))
    .option('--all', ctx.t('cli_help.sessions_list_all'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { all?: boolean; json?: boolean }) => {
      const rows = (await new DashboardAuthRepository(await ctx.getPrisma()).list(new Date())).filter((row) => options.all || row.status === 'active');
      if (options.json) return ctx.json(rows);
      if (rows.length === 0) return ctx.say('cli.sessions_none');
      const tz = ctx.getConfig().BOT_TIMEZONE;
      for (const row of rows) {
        ctx.say('cli.sessions_line', { id: row.id, name: row.contactName, contact: row.contactId, status: ctx.t(`cli.sessions_status_${row.status}`), seen: formatDateTime(ctx.locale, row.lastSeenAt, tz), until: formatDateTime(ctx.locale, row.expiresAt, tz) });
      }
    });
  sessions
    .command('revoke [id]')
    .description(ctx.t('cli_help.sessions_revoke'))
    .option('--contact <id>', ctx.t('cli_help.dashboard_contact'))
    .option('--all', ctx.t('cli_help.sessions_revoke_all'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (id: string | undefined, options: { contact?: string; all?: boolean; json?: boolean }) => {
      const chosen = [id !== undefined, options.contact !== undefined, Boolean(options.all)].filter(Boolean).length;
      if (chosen !== 1) throw ctx.error('cli.sessions_revoke_usage');
      const target = options.all ? { all: true as const } : options.contact !== undefined ? { contactId: contactId(ctx, options.contact) } : { sessionId: contactId(ctx, id as string) };
      const count = await dashboardAuth(await ctx.getPrisma(), ctx.getConfig(), systemClock).revoke(target, 'cli');
      if (options.json) return ctx.json({ ...target, revoked: count });
      ctx.say('cli.sessions_revoked', { count });
    });
}
