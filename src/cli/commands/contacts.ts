import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { CONTACT_COLUMNS, describeColumns } from '../../admin/column-spec.ts';
import { importContacts } from '../../admin/import-contacts.ts';
import { importReport } from '../../admin/import-report.ts';
import { terminalProgress } from '../../admin/import-progress.ts';
import { ROLE_NAMES } from '../../admin/vocabulary.ts';
import type { RoleName } from '../../app/ports.ts';
import { ContactAdminRepository, type ContactListRow } from '../../storage/repositories/contact-admin-repository.ts';
import type { CliContext } from '../cli-context.ts';
import { printImport, readImportBytes } from './units.ts';

const CONTACTS_HELP = `
File: CSV (UTF-8, with or without BOM; "," or ";" separated) or Excel .xlsx (first sheet).
Columns (headers in English or Vietnamese; case and diacritics are ignored):
${describeColumns(CONTACT_COLUMNS)}
Roles: reporter (báo cáo, nguoibaocao), supervisor (theo dõi, giám sát), admin (quản trị).
Units must exist and be active (run units import first).

Each person is matched by a stable key, stored as the contact's external key:
  phone:<phone>              when the row has a phone (normalised: 0912 345 678, +84912345678 → 0912345678)
  name:<unit code>:<name>    otherwise (name in lower case, diacritics kept)
Several rows with the same phone are one person with several roles. Importing the same file twice
changes nothing. Roles are only added. Contacts left out of the file are left as they are; use
"contacts deactivate" to take someone off.`;

function channelsText(ctx: CliContext, row: ContactListRow): string {
  const linked = [row.channels.telegram ? 'telegram' : '', row.channels.zalo ? 'zalo' : ''].filter(Boolean).join('+') || ctx.t('admin.channel_none');
  return row.channels.unreachable.length > 0 ? `${linked} (${ctx.t('admin.channel_unreachable', { channels: row.channels.unreachable.join(', ') })})` : linked;
}

/** `contacts import`, `contacts list`, `contacts deactivate`: the roster of people and their roles. */
export function registerContactsCommands(program: Command, ctx: CliContext): void {
  const contacts = program.command('contacts').description('Contacts / Người liên hệ');
  contacts
    .command('import <file>')
    .description('Add or update contacts and their roles from a CSV or Excel file')
    .option('--dry-run', 'check the file and show what would change, without writing')
    .option('--json', 'print only the summary as JSON')
    .addHelpText('after', CONTACTS_HELP)
    .action(async (file: string, options: { dryRun?: boolean; json?: boolean }) => {
      const bytes = await readImportBytes(ctx, file);
      const outcome = await importContacts(bytes, basename(file), new ContactAdminRepository(await ctx.getPrisma()), {
        actor: 'cli',
        dryRun: options.dryRun ?? false,
        locale: ctx.getConfig().BOT_LOCALE,
        progressFor: (rows) => terminalProgress(rows, ctx.t('admin.progress')),
      });
      printImport(ctx, importReport(ctx.locale, outcome), options.json);
    });
  contacts
    .command('list')
    .description('Show contacts with their roles and channels (telegram/zalo linked, unreachable)')
    .option('--unit <code>', 'only contacts with a role in this unit')
    .addOption(new Option('--role <role>', 'only contacts with this role').choices(ROLE_NAMES))
    .option('--all', 'include deactivated contacts')
    .option('--json', 'print JSON only')
    .action(async (options: { unit?: string; role?: RoleName; all?: boolean; json?: boolean }) => {
      const rows = await new ContactAdminRepository(await ctx.getPrisma()).list({ unitCode: options.unit, role: options.role, all: options.all });
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
    .description('Take a contact off the roster, by id or external key (their reports stay)')
    .option('--json', 'print JSON only')
    .action(async (contact: string, options: { json?: boolean }) => {
      const result = await new ContactAdminRepository(await ctx.getPrisma()).deactivate(contact, 'cli');
      if (!result.found) throw ctx.error('admin.contact_not_found', { contact });
      if (options.json) return ctx.json({ id: result.id, externalKey: result.externalKey, name: result.name, active: false, changed: result.changed });
      ctx.say(result.changed ? 'admin.contact_deactivated' : 'admin.contact_already_inactive', { id: result.id, name: result.name });
    });
}
