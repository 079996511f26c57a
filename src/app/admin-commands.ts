import { parseRole } from '../domain/organisation/vocabulary.ts';
import type { Reply, ReplyLine } from '../dialog/replies.ts';
import { formatDate } from '../i18n/format.ts';
import type { CommandHandler, CommandRegistry } from './inbound/command-registry.ts';
import { formatInviteCode, hashInviteCode, newInviteCode } from './invite-codes.ts';
import type { ChannelName, ContactRecord } from './ports.ts';
import type { RoleName } from '../domain/organisation/vocabulary.ts';
import { telegramDeepLink } from './telegram-deep-link.ts';

/** What the admin chat commands need; ports, so the handler is tested without a bot or a database. */
export interface AdminCommandDeps {
  /** The active units in the subtrees of the given units. */
  units: { activeSubtree(rootIds: number[]): Promise<Array<{ id: number; code: string; name: string }>> };
  /** Stores an invitation (and its audit entry). */
  invites: { create(input: { codeHash: string; unitId: number; role: RoleName; expiresAt: Date; createdBy: string }): Promise<number> };
  /** The channel the contact wrote from last (this very message): a Telegram link only makes sense there. */
  lastChannel(contactId: number): Promise<ChannelName | null>;
  /** The Telegram bot's username, or null when unknown: then only the code is shown. */
  botUsername(): Promise<string | null>;
  timeZone: string;
  /** Days an invitation made in chat stays valid; the command line's default too. */
  inviteDays?: number;
}

const DEFAULT_INVITE_DAYS = 14;

function reply(lines: ReplyLine[]): Reply[] {
  return [{ lines }];
}

/**
 * `/moi <unit code> [role]` (`/invite`): an admin creates a single-use invitation for a unit of their
 * scope (the units they administer and everything below) and gets the code, with the Telegram link when
 * they write from Telegram. Anyone else is refused politely; a unit outside the scope gets the same
 * answer as a unit that does not exist, so the command reveals nothing.
 */
export function inviteCommand(deps: AdminCommandDeps): CommandHandler {
  return async (contact: ContactRecord, args: string, now: Date): Promise<Reply[]> => {
    const adminUnits = contact.roles.filter((role) => role.role === 'admin').map((role) => role.unitId);
    if (adminUnits.length === 0) return reply([{ key: 'admin.not_admin' }]);
    const [unitCode = '', ...roleWords] = args.split(/\s+/).filter(Boolean);
    if (unitCode === '') return reply([{ key: 'admin.invite_usage' }]);
    const roleText = roleWords.join(' ');
    const role = roleText === '' ? 'reporter' : parseRole(roleText);
    if (!role) return reply([{ key: 'admin.invite_bad_role', params: { value: roleText }, style: 'error' }, { key: 'admin.invite_usage' }]);
    const scope = await deps.units.activeSubtree(adminUnits);
    const unit = scope.find((item) => item.code === unitCode) ?? scope.find((item) => item.code.toUpperCase() === unitCode.toUpperCase());
    if (!unit) return reply([{ key: 'admin.unit_not_in_scope', params: { unit: unitCode }, style: 'error' }]);

    const code = newInviteCode();
    const expiresAt = new Date(now.getTime() + (deps.inviteDays ?? DEFAULT_INVITE_DAYS) * 86_400_000);
    await deps.invites.create({ codeHash: hashInviteCode(code), unitId: unit.id, role, expiresAt, createdBy: `contact:${contact.id}` });
    const onTelegram = (await deps.lastChannel(contact.id)) === 'telegram';
    const botName = onTelegram ? await deps.botUsername() : null;
    const lines: ReplyLine[] = [
      { key: 'admin.invite_created', params: { unit: `${unit.name} (${unit.code})`, role: { key: `registration.role_${role}` }, expires: formatDate(contact.locale, expiresAt, deps.timeZone) }, style: 'title' },
      { key: 'admin.invite_code', params: { code: formatInviteCode(code) } },
    ];
    if (botName) lines.push({ key: 'admin.invite_link', params: { link: telegramDeepLink(botName, code) } });
    lines.push({ key: botName ? 'admin.invite_send_telegram' : 'admin.invite_send_code', style: 'hint' });
    return reply(lines);
  };
}

/** Adds the admin commands to the inbound use case. */
export function registerAdminCommands(inbound: CommandRegistry, deps: AdminCommandDeps): void {
  inbound.registerCommand('invite', inviteCommand(deps));
}
