import type { Locale } from '../domain/index.ts';
import type { ParsedCommand } from '../dialog/commands.ts';
import type { DialogInput } from '../dialog/engine.ts';
import type { Reply, ReplyLine } from '../dialog/replies.ts';
import type { AttemptThrottle } from './attempt-throttle.ts';
import { normalizeFreeText } from '../domain/text/normalize.ts';
import { hashInviteCode, normalizeInviteCode } from './invite-codes.ts';
import type { ContactRecord, InviteStore, SenderIdentity } from './ports.ts';
import type { RoleName } from '../domain/organisation/vocabulary.ts';

/** What the first lines after registering say, by role. */
const NEXT_STEP: Record<RoleName, string> = {
  reporter: 'registration.next_reporter',
  supervisor: 'registration.next_supervisor',
  admin: 'registration.next_admin',
};

/**
 * Binding a messenger account to a contact with an invitation code: `/start <code>` (Telegram's deep
 * link sends exactly that), or the code alone, since Zalo has no deep links. Attempts are throttled per
 * sender so codes cannot be guessed.
 */
export class Registration {
  constructor(
    private readonly invites: InviteStore,
    private readonly throttle: AttemptThrottle,
  ) {}

  async handle(
    identity: SenderIdentity,
    contact: ContactRecord | null,
    input: DialogInput,
    command: ParsedCommand | null,
    now: Date,
    /** A code's hash, for an update replayed from storage (where the code itself is never kept). */
    sealedCodeHash?: string,
  ): Promise<{ locale?: Locale; replies: Reply[] }> {
    const typed = input.kind === 'text' ? input.text : '';
    const candidate = command?.name === 'start' ? command.args : command ? '' : typed;
    const code = normalizeInviteCode(candidate);
    const codeHash = sealedCodeHash ?? (code ? hashInviteCode(code) : null);
    if (!codeHash) {
      if (contact) return { replies: [reply([{ key: 'registration.already_registered', params: { name: contact.name } }, { key: NEXT_STEP[mainRole(contact)] }])] };
      return { replies: [reply([{ key: unregisteredReplyKey(command, candidate) }])] };
    }
    if (!this.throttle.allow(`${identity.channel}:${identity.userId}`, now)) {
      return { replies: [reply([{ key: 'registration.too_many_attempts' }])] };
    }
    // The name the messenger gives is stored as the contact's name: invisible and direction characters go.
    const displayName = identity.displayName === undefined ? undefined : normalizeFreeText(identity.displayName) || undefined;
    const result = await this.invites.redeem(codeHash, { ...identity, displayName }, contact?.id ?? null, now);
    if (!result.ok) return { replies: [reply([{ key: `registration.code_${result.reason}` }])] };
    const roleName = { key: `registration.role_${result.role}` };
    const lines: ReplyLine[] = contact
      ? [{ key: 'registration.role_added', params: { name: result.contact.name, role: roleName, unit: result.unitName } }]
      : [{ key: 'registration.welcome', params: { name: result.contact.name, role: roleName, unit: result.unitName }, style: 'title' }];
    lines.push({ key: NEXT_STEP[result.role] });
    return { locale: result.contact.locale, replies: [reply(lines)] };
  }
}

/** Something that looks like an attempt at a code gets "wrong code"; anything else gets how to register. */
function unregisteredReplyKey(command: ParsedCommand | null, candidate: string): string {
  if (command?.name === 'start') return command.args === '' ? 'registration.start_without_code' : 'registration.code_unknown';
  return /^[A-Za-z0-9]{3,8}[-\s]?[A-Za-z0-9]{3,8}$/.test(candidate.trim()) && /\d/.test(candidate) ? 'registration.code_unknown' : 'registration.not_registered';
}

function mainRole(contact: ContactRecord): RoleName {
  const roles = new Set(contact.roles.map((role) => role.role));
  return roles.has('reporter') ? 'reporter' : roles.has('supervisor') ? 'supervisor' : roles.has('admin') ? 'admin' : 'reporter';
}

function reply(lines: ReplyLine[]): Reply {
  return { lines };
}
