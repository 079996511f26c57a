import type { InboundMessage } from '../../app/inbound/inbound-message.ts';

/** The parts of a Telegram update the bot reads; anything else in it is ignored. */
interface TelegramUser {
  id: number;
  first_name?: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_bot?: boolean;
}

interface TelegramMessage {
  message_id: number;
  chat: { id: number; type?: string };
  from?: TelegramUser;
  text?: string;
}

export interface TelegramUpdateShape {
  update_id: number;
  message?: TelegramMessage;
  callback_query?: { id: string; from: TelegramUser; data?: string; message?: TelegramMessage };
}

/** Only strings count: a hostile update may put anything in these fields. */
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

function displayName(user: TelegramUser): string | undefined {
  const name = [text(user.first_name), text(user.last_name)].filter(Boolean).join(' ').trim();
  return name || text(user.username);
}

/** The bot's id, the part of its token before the colon: the scope of its update ids. */
export function telegramBotKey(token: string): string {
  return token.split(':')[0] ?? '';
}

/**
 * Turns a Telegram update into the product's inbound message: text (commands included), a button's
 * callback data, or "unsupported" for stickers, photos and the like. Returns null for what the bot
 * does not answer (edited messages, channel posts, messages from bots, malformed shapes).
 */
export function toInboundMessage(update: unknown, botKey: string): InboundMessage | null {
  if (!update || typeof update !== 'object') return null;
  const shape = update as TelegramUpdateShape;
  if (!Number.isSafeInteger(shape.update_id)) return null;
  const updateKey = String(shape.update_id);
  const callback = shape.callback_query;
  if (callback && typeof callback === 'object') {
    const from = callback.from;
    if (!from || typeof from !== 'object' || !Number.isSafeInteger(from.id) || typeof callback.data !== 'string') return null;
    if (typeof callback.id !== 'string') return null;
    const messageChat = callbackChatId(callback.message);
    if (callback.message !== undefined && messageChat === null) return null;
    const chatId = messageChat ?? from.id;
    return {
      identity: { channel: 'telegram', userId: String(from.id), chatId: String(chatId), displayName: displayName(from) },
      botKey,
      updateKey,
      platformMessageId: `c:${callback.id}`,
      input: { kind: 'button', data: callback.data },
      languageCode: text(from.language_code),
    };
  }
  const message = shape.message;
  if (!message || typeof message !== 'object' || !message.from || !Number.isSafeInteger(message.from.id)) return null;
  if (message.from.is_bot || !message.chat || !Number.isSafeInteger(message.chat.id)) return null;
  if (message.chat.type && message.chat.type !== 'private') return null;
  return {
    identity: { channel: 'telegram', userId: String(message.from.id), chatId: String(message.chat.id), displayName: displayName(message.from) },
    botKey,
    updateKey,
    platformMessageId: `m:${Number.isSafeInteger(message.message_id) ? message.message_id : ''}`,
    input: typeof message.text === 'string' ? { kind: 'text', text: message.text } : { kind: 'unsupported' },
    languageCode: text(message.from.language_code),
  };
}

/** The chat of the message a button belongs to, or null when that message is malformed. */
export function callbackChatId(message: unknown): number | null {
  if (!message || typeof message !== 'object') return null;
  const shape = message as { chat?: { id?: unknown }; message_id?: unknown };
  const id = shape.chat && typeof shape.chat === 'object' ? shape.chat.id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && Number.isSafeInteger(shape.message_id) ? id : null;
}
