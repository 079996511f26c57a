import { hash } from 'node:crypto';
import { parseCommand } from '../../dialog/commands.ts';
import { hashInviteCode, normalizeInviteCode } from '../invite-codes.ts';
import type { InboundMessage } from './inbound-message.ts';

/**
 * What tells one update from another that reuses its key: the sender, the chat, the platform's message
 * (or button press) id and what was sent. A redelivery has the same fingerprint; after a platform
 * restarts its ids, or with a new bot on the same database, the same key comes with another one.
 */
export function fingerprintOf(message: InboundMessage): string {
  const input = message.input;
  const content = input.kind === 'text' ? `t:${input.text}` : input.kind === 'button' ? `b:${input.data}` : 'u';
  // One-shot hashing: the fingerprint is taken for every update.
  return hash('sha256', `${message.identity.userId}\u0000${message.identity.chatId}\u0000${message.platformMessageId}\u0000${content}`, 'base64url').slice(0, 27);
}

/** An update as it is stored to be handled later: the message, with any invitation code as its hash only. */
interface StoredMessage {
  message: InboundMessage;
  inviteCodeHash?: string;
}

/**
 * The stored form of an update waiting to be handled. A typed invitation code is never kept: only its
 * hash, which is all that redeeming needs (and all the invitations table holds), so a copy of the
 * database gives no valid code away.
 */
export function sealForReplay(message: InboundMessage): string {
  const input = message.input;
  if (input.kind !== 'text') return JSON.stringify({ message } satisfies StoredMessage);
  const command = parseCommand(input.text);
  const candidate = command?.name === 'start' ? command.args : command ? '' : input.text;
  const code = normalizeInviteCode(candidate);
  if (!code) return JSON.stringify({ message } satisfies StoredMessage);
  const sealed: StoredMessage = { message: { ...message, input: { kind: 'text', text: '/start' } }, inviteCodeHash: hashInviteCode(code) };
  return JSON.stringify(sealed);
}

/** Reads back what `sealForReplay` stored; null for a record this version cannot read. */
export function unsealForReplay(payload: string): StoredMessage | null {
  try {
    const stored = JSON.parse(payload) as StoredMessage;
    const message = stored?.message;
    if (!message || typeof message !== 'object' || !message.identity || !message.input) return null;
    return stored;
  } catch {
    return null;
  }
}
