import type { InboundMessage } from '../../app/inbound-handler.ts';

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

function displayName(user: TelegramUser): string | undefined {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  return name || user.username || undefined;
}

/**
 * Turns a Telegram update into the product's inbound message: text (commands included), a button's
 * callback data, or "unsupported" for stickers, photos and the like. Returns null for what the bot
 * does not answer (edited messages, channel posts, messages from bots, malformed shapes).
 */
export function toInboundMessage(update: unknown): InboundMessage | null {
  if (!update || typeof update !== 'object') return null;
  const shape = update as TelegramUpdateShape;
  if (!Number.isSafeInteger(shape.update_id)) return null;
  const updateKey = String(shape.update_id);
  const payload = JSON.stringify(update);
  const callback = shape.callback_query;
  if (callback && typeof callback === 'object') {
    const chatId = callback.message?.chat?.id ?? callback.from?.id;
    if (!Number.isSafeInteger(callback.from?.id) || chatId === undefined || typeof callback.data !== 'string') return null;
    return {
      identity: { channel: 'telegram', userId: String(callback.from.id), chatId: String(chatId), displayName: displayName(callback.from) },
      updateKey,
      payload,
      input: { kind: 'button', data: callback.data },
      languageCode: callback.from.language_code,
    };
  }
  const message = shape.message;
  if (!message || typeof message !== 'object' || !message.from || !Number.isSafeInteger(message.from.id)) return null;
  if (message.from.is_bot || !message.chat || !Number.isSafeInteger(message.chat.id)) return null;
  if (message.chat.type && message.chat.type !== 'private') return null;
  return {
    identity: { channel: 'telegram', userId: String(message.from.id), chatId: String(message.chat.id), displayName: displayName(message.from) },
    updateKey,
    payload,
    input: typeof message.text === 'string' ? { kind: 'text', text: message.text } : { kind: 'unsupported' },
    languageCode: message.from.language_code,
  };
}
