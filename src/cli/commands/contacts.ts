import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { CONTACT_COLUMNS, describeColumns } from '../../app/admin/column-spec.ts';
import { importContacts } from '../../app/admin/import-contacts.ts';
import { importReport } from '../../app/admin/import-report.ts';
import { ROLE_NAMES } from '../../domain/organisation/vocabulary.ts';
import type { RoleName } from '../../domain/organisation/vocabulary.ts';
import { ContactAdminRepository, type ContactListRow } from '../../storage/repositories/contact-admin-repository.ts';
import type { CliContext } from '../cli-context.ts';
import { printImport, readImportBytes } from './units.ts';

/** The text after `contacts import --help`: the file format, the accepted headers (built from the column spec) and the rules. */
function contactsHelp(ctx: CliContext): string {
  const columns = ctx.t('cli_help.import_file_columns', { columns: describeColumns(CONTACT_COLUMNS) });
  return `\n${columns}\n${ctx.t('cli_help.contacts_import_rules')}`;
}

function channelsText(ctx: CliContext, row: ContactListRow): string {
  const linked = [row.channels.telegram ? 'telegram' : '', row.channels.zalo ? 'zalo' : ''].filter(Boolean).join('+') || ctx.t('admin.channel_none');
  return row.channels.unreachable.length > 0 ? `${linked} (${ctx.t('admin.channel_unreachable', { channels: row.channels.unreachable.join(', ') })})` : linked;
}

/** `contacts import`, `contacts list`, `contacts deactivate`: the roster of people and their roles. */
export function registerContactsCommands(program: Command, ctx: CliContext): void {
  const contacts = program.command('contacts').description(ctx.t('cli_help.contacts'));
  contacts
    .command('import <file>')
    .description(ctx.t('cli_help.contacts_import'))
    .option('--dry-run', ctx.t('cli_help.dry_run'))
    .option('--json', ctx.t('cli_help.json_summary'))
    .addHelpText('after', contactsHelp(ctx))
    .action(async (file: string, options: { dryRun?: boolean; json?: boolean }) => {
      const bytes = await readImportBytes(ctx, file);
      const outcome = await importContacts(bytes, basename(file), new ContactAdminRepository(await ctx.getPrisma()), {
        actor: 'cli',
        dryRun: options.dryRun ?? false,
        locale: ctx.getConfig().BOT_LOCALE,
        progressFor: (rows) => ctx.progressFor(rows),
      });
      printImport(ctx, importReport(ctx.locale, outcome), options.json);
    });
  contacts
    .command('list')
    .description(ctx.t('cli_help.contacts_list'))
    .option('--unit <code>', ctx.t('cli_help.contacts_list_unit'))
    .addOption(new Option('--role <role>', ctx.t('cli_help.contacts_list_role')).choices(ROLE_NAMES))
    .option('--all', ctx.t('cli_help.contacts_list_all'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { unit?: string; role?: RoleName; all?: boolean; json?: boolean }) => {
      const prisma = await ctx.getPrisma();
      if (options.unit !== undefined && !(await prisma.unit.findUnique({ where: { code: options.unit } }))) throw ctx.error('cli.contacts_unit_not_found', { unit: options.unit });
      const rows = await new ContactAdminRepository(prisma).list({ unitCode: options.unit, role: options.role, all: options.all });
      if (options.json) return ctx.json(rows);
      if (rows.length === 0) return ctx.say('admin.contacts_none');
      for (const row of rows) {
        ctx.say('admin.contact_line', {
          id: row.id,
          name: row.name,
          phone: row.phone ?? '-',
          roles: row.roles.map((role) => `${role.unit}:${role.role}`).join(', '),
          channels: channelsText(ctx, row),
          status: row.active ? '' : ctx.t('admin.contact_inactive'),
        });
      }
    });
  contacts
    .command('deactivate <contact>')
    .description(ctx.t('cli_help.contacts_deactivate'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (contact: string, options: { json?: boolean }) => {
      const result = await new ContactAdminRepository(await ctx.getPrisma()).deactivate(contact, 'cli');
      if (!result.found) throw ctx.error('admin.contact_not_found', { contact });
      if (options.json) return ctx.json({ id: result.id, externalKey: result.externalKey, name: result.name, active: false, changed: result.changed });
      ctx.say(result.changed ? 'admin.contact_deactivated' : 'admin.contact_already_inactive', { id: result.id, name: result.name });
    });
}
