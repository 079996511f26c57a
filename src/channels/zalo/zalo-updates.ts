import type { InboundMessage } from '../../app/inbound/inbound-message.ts';
import { parseZaloUpdate, zaloUpdateKey } from './zalo-types.ts';

/** The only event whose content the bot reads; every other one from a person gets "please type". */
const TEXT_EVENT = 'message.text.received';

/** The bot's id, the part of its token before the colon: the scope of its message ids. */
export function zaloBotKey(token: string): string {
  return token.split(':')[0] ?? '';
}

/**
 * Turns a Zalo update into the product's inbound message: a typed text (commands included) or
 * "unsupported" for images, stickers, voice and whatever the platform withholds, so the contact is
 * asked to answer in text. Returns null for what the bot does not answer: malformed updates,
 * messages from bots, and group chats (groups are experimental on Zalo; the bot works in private
 * chats only).
 */
export function toInboundMessage(raw: unknown, botKey: string): InboundMessage | null {
  const parsed = parseZaloUpdate(raw);
  if (!parsed.ok) return null;
  const update = parsed.update;
  const { message } = update;
  if (message.from.is_bot === true) return null;
  if (message.chat.chat_type.toUpperCase() !== 'PRIVATE') return null;
  const displayName = message.from.display_name?.trim();
  // Real ids are short; an absurd one would not fit a database index.
  if (zaloUpdateKey(update).length > 200) return null;
  return {
    identity: {
      channel: 'zalo',
      userId: message.from.id,
      chatId: message.chat.id,
      ...(displayName ? { displayName } : {}),
    },
    botKey,
    updateKey: zaloUpdateKey(update),
    platformMessageId: `${message.message_id}:${message.date ?? ''}`,
    input: update.event_name === TEXT_EVENT && typeof message.text === 'string' ? { kind: 'text', text: message.text } : { kind: 'unsupported' },
  };
}
