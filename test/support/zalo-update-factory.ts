/**
 * Builds Zalo updates the way the platform shapes them, for the emulator and for adapter tests
 * that drive a handler with plain update objects.
 */
import { randomUUID } from 'node:crypto';
import type { ZaloChatType, ZaloUpdate } from '../../src/channels/zalo/zalo-types.ts';

/** Who sends: a Zalo user id, optionally a display name and a group chat. */
export interface ZaloSender {
  userId: string;
  displayName?: string;
  /** Defaults to a private chat, whose chat id is the user id. */
  chatType?: ZaloChatType;
  chatId?: string;
}

/** The content of a message; exactly one kind per update. */
export type ZaloContent =
  | { kind: 'text'; text: string }
  | { kind: 'image'; photo: string; caption?: string }
  | { kind: 'sticker'; sticker: string }
  | { kind: 'unsupported' };

const EVENT_NAMES: Record<ZaloContent['kind'], string> = {
  text: 'message.text.received',
  image: 'message.image.received',
  sticker: 'message.sticker.received',
  unsupported: 'message.unsupported.received',
};

/** Makes message ids unique within a factory and unlikely to collide across factories. */
export class ZaloUpdateFactory {
  readonly #prefix = randomUUID().slice(0, 8);
  #counter = 0;

  /** A fresh update, with a new message id and the current time in milliseconds. */
  build(sender: ZaloSender, content: ZaloContent, now: number = Date.now()): ZaloUpdate {
    this.#counter += 1;
    const message: ZaloUpdate['message'] = {
      message_id: `${this.#prefix}${this.#counter.toString(16).padStart(8, '0')}`,
      date: now,
      from: { id: sender.userId, is_bot: false },
      chat: { id: sender.chatId ?? sender.userId, chat_type: sender.chatType ?? 'PRIVATE' },
    };
    if (sender.displayName !== undefined) message.from.display_name = sender.displayName;
    if (content.kind === 'text') message.text = content.text;
    if (content.kind === 'image') {
      message.photo = content.photo;
      if (content.caption !== undefined) message.caption = content.caption;
    }
    if (content.kind === 'sticker') message.sticker = content.sticker;
    return { event_name: EVENT_NAMES[content.kind], message };
  }
}
