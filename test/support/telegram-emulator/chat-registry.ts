/**
 * The chats the emulated server knows, and what stops a bot from reaching them: a chat exists
 * once its user wrote (or a test added it); a user may block the bot or be deactivated; a group
 * may migrate to a supergroup with a new id. Message ids are counted per chat, shared by the
 * user's and the bot's messages, as in private chats on Telegram.
 */
import { badRequest, forbidden } from './api-error.ts';
import type { TgChat } from './types.ts';

/** Known chats, their reachability and their message counters. */
export class ChatRegistry {
  readonly #chats = new Map<number, TgChat>();
  readonly #blocked = new Set<number>();
  readonly #deactivated = new Set<number>();
  readonly #migrated = new Map<number, number>();
  readonly #lastMessageId = new Map<number, number>();

  /** Registers a chat (or refreshes its details) and returns it. */
  upsert(chat: TgChat): TgChat {
    const known = this.#chats.get(chat.id);
    const merged = known === undefined ? chat : { ...known, ...chat };
    this.#chats.set(chat.id, merged);
    return merged;
  }

  /** The chat, if known. */
  get(chatId: number): TgChat | undefined {
    return this.#chats.get(chatId);
  }

  /** The chat a bot may send to now; throws the Bot API's 400 or 403 otherwise. */
  reachable(chatId: number): TgChat {
    const target = this.#migrated.get(chatId);
    if (target !== undefined) throw badRequest('group chat was upgraded to a supergroup chat', { migrate_to_chat_id: target });
    const chat = this.#chats.get(chatId);
    if (chat === undefined) throw badRequest('chat not found');
    if (this.#deactivated.has(chatId)) throw forbidden('user is deactivated');
    if (this.#blocked.has(chatId)) throw forbidden('bot was blocked by the user');
    return chat;
  }

  /** The user blocked the bot: sends to the chat answer 403 until the user writes again. */
  block(chatId: number): void {
    this.#blocked.add(chatId);
  }

  /** The user's account is deleted: sends answer 403 `user is deactivated`. */
  deactivate(chatId: number): void {
    this.#deactivated.add(chatId);
  }

  /** The user wrote again: the bot can reach them. */
  unblock(chatId: number): void {
    this.#blocked.delete(chatId);
    this.#deactivated.delete(chatId);
  }

  /** A group became a supergroup: the old id answers 400 with `migrate_to_chat_id`. */
  migrate(oldId: number, newId: number): TgChat {
    const old = this.#chats.get(oldId);
    this.#migrated.set(oldId, newId);
    return this.upsert({ id: newId, type: 'supergroup', title: old?.title ?? `Group ${newId}` });
  }

  /** The next message id in a chat. */
  nextMessageId(chatId: number): number {
    const next = (this.#lastMessageId.get(chatId) ?? 0) + 1;
    this.#lastMessageId.set(chatId, next);
    return next;
  }

  /** Forgets everything. */
  clear(): void {
    this.#chats.clear();
    this.#blocked.clear();
    this.#deactivated.clear();
    this.#migrated.clear();
    this.#lastMessageId.clear();
  }
}
