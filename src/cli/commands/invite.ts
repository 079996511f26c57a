import { Command, Option } from 'commander';
import { formatInviteCode, hashInviteCode, newInviteCode } from '../../app/invite-codes.ts';
import { ROLE_NAMES, type RoleName } from '../../domain/organisation/vocabulary.ts';
import { telegramDeepLink } from '../../app/telegram-deep-link.ts';
import { formatDate } from '../../i18n/format.ts';
import { InviteRepository } from '../../storage/repositories/invite-repository.ts';
import type { CliContext } from '../cli-context.ts';
import { integerOption } from '../option-checks.ts';
import { fetchTelegramBotName } from '../telegram-bot-name.ts';


/** At most this many codes at once, and this many days of validity: beyond is a typing mistake. */
const MAX_COUNT = 500;
const MAX_DAYS = 365;

/** `invite create`, `invite list` and `invite revoke`. Codes are printed once and stored only as hashes. */
export function registerInviteCommands(program: Command, ctx: CliContext): void {
  const invite = program.command('invite').description(ctx.t('cli_help.invite'));
  invite
    .command('create')
    .description(ctx.t('cli_help.invite_create'))
    .requiredOption('--unit <code>', ctx.t('cli_help.unit_code'))
    .addOption(new Option('--role <role>', ctx.t('cli_help.role')).choices(ROLE_NAMES).makeOptionMandatory())
    .option('--count <n>', ctx.t('cli_help.invite_create_count'), integerOption('--count', 1, MAX_COUNT), 1)
    .option('--days <n>', ctx.t('cli_help.invite_create_days'), integerOption('--days', 1, MAX_DAYS), 14)
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { unit: string; role: RoleName; count: number; days: number; json?: boolean }) => {
      const prisma = await ctx.getPrisma();
      const unit = await prisma.unit.findUnique({ where: { code: options.unit } });
      if (!unit || !unit.active) throw ctx.error('cli.unit_not_found', { unit: options.unit });
      const repository = new InviteRepository(prisma);
      const botName = await fetchTelegramBotName(ctx.getConfig());
      const expiresAt = new Date(Date.now() + options.days * 24 * 3600 * 1000);
      const created = [];
      for (let index = 0; index < options.count; index += 1) {
        const code = newInviteCode();
        const id = await repository.create({ codeHash: hashInviteCode(code), unitId: unit.id, role: options.role, expiresAt, createdBy: 'cli' });
        created.push({ id, code: formatInviteCode(code), link: botName ? telegramDeepLink(botName, code) : null, unit: unit.code, role: options.role, expiresAt: expiresAt.toISOString() });
      }
      if (options.json) return ctx.json(created);
      const timeZone = ctx.getConfig().BOT_TIMEZONE;
      ctx.say('cli.invite_created', { count: created.length, unit: unit.name, role: ctx.t(`registration.role_${options.role}`), expires: formatDate(ctx.locale, expiresAt, timeZone) });
      for (const item of created) ctx.say('cli.invite_line', { code: item.code, link: item.link ?? ctx.t('cli.invite_no_link') });
      ctx.say('cli.invite_how');
    });
  invite
    .command('list')
    .description(ctx.t('cli_help.invite_list'))
    .option('--unit <code>', ctx.t('cli_help.only_unit'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { unit?: string; json?: boolean }) => {
      const prisma = await ctx.getPrisma();
      const unit = options.unit ? await prisma.unit.findUnique({ where: { code: options.unit } }) : null;
      if (options.unit && !unit) throw ctx.error('cli.unit_not_found', { unit: options.unit });
      const rows = await new InviteRepository(prisma).list(unit ? { unitId: unit.id } : {});
      if (options.json) return ctx.json(rows);
      if (rows.length === 0) return ctx.say('cli.invite_none');
      const timeZone = ctx.getConfig().BOT_TIMEZONE;
      for (const row of rows) {
        ctx.say('cli.invite_list_line', { id: row.id, unit: row.unitCode, role: ctx.t(`registration.role_${row.role}`), status: ctx.t(`cli.invite_status_${row.status}`), expires: formatDate(ctx.locale, row.expiresAt, timeZone) });
      }
    });
  invite
    .command('revoke <id>')
    .description(ctx.t('cli_help.invite_revoke'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (id: string, options: { json?: boolean }) => {
      const revoked = /^\d+$/.test(id) && (await new InviteRepository(await ctx.getPrisma()).revoke(Number(id), 'cli'));
      if (!revoked) throw ctx.error('cli.invite_not_revocable', { id });
      if (options.json) return ctx.json({ id: Number(id), revoked: true });
      ctx.say('cli.invite_revoked', { id });
    });
}
