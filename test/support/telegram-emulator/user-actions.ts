/**
 * The test's side of the emulator: users who write, press buttons, send photos and stickers,
 * block the bot or disappear, and the inspection of what the bot sent them. The emulator class
 * extends this and decides how a new update travels (queue for getUpdates or webhook POST).
 */
import { randomBytes } from 'node:crypto';
import { trimMap } from './bounded-log.ts';
import type { CallbackRegistry } from './callback-queries.ts';
import type { ChangeSignal } from './change-signal.ts';
import type { ChatRegistry } from './chat-registry.ts';
import type { MessageLog } from './message-log.ts';
import { commandEntities, UpdateFactory, type UserInput } from './update-factory.ts';
import type { UpdateStore } from './update-store.ts';
import type { SentMessage, TgChat, TgUpdate } from './types.ts';

/** The state the user side shares with the emulator. */
export interface UserSideDeps {
  chats: ChatRegistry;
  updates: UpdateStore;
  messages: MessageLog;
  callbacks: CallbackRegistry;
  signal: ChangeSignal;
  maxRecords: number;
}

/** A button press: the message (sent by the bot to the chat earlier) and the button's data. */
export interface PressInput extends UserInput {
  messageId: number;
  data: string;
}

/** Users' actions and the inspection of the bot's messages. */
export abstract class UserActions {
  protected readonly changes: ChangeSignal;
  protected readonly callbackRegistry: CallbackRegistry;
  readonly #deps: UserSideDeps;
  readonly #factory: UpdateFactory;
  readonly #history = new Map<number, TgUpdate>();

  protected constructor(deps: UserSideDeps) {
    this.#deps = deps;
    this.changes = deps.signal;
    this.callbackRegistry = deps.callbacks;
    this.#factory = new UpdateFactory(deps.chats);
  }

  /** Every message the bot sent and the API accepted, oldest first, edits applied in place. */
  get sent(): SentMessage[] {
    return this.#deps.messages.sent;
  }

  /** Updates not yet confirmed (getUpdates) or delivered (webhook). */
  get pendingUpdateCount(): number {
    return this.#deps.updates.pendingCount;
  }

  /** The bot's messages to one chat, oldest first. */
  messagesTo(chatId: number): SentMessage[] {
    return this.#deps.messages.to(chatId);
  }

  /** The bot's latest message to one chat. */
  lastMessageTo(chatId: number): SentMessage | undefined {
    return this.messagesTo(chatId).at(-1);
  }

  /**
   * Resolves with all the bot's messages to `chatId` once there are at least `count` IN TOTAL
   * (not counted from the call: a reply that raced ahead of the wait still counts). Rejects after
   * `timeoutMs` with the texts received so far.
   */
  waitForMessages(chatId: number, count: number, timeoutMs = 5000): Promise<SentMessage[]> {
    return this.waitUntil(
      () => {
        const messages = this.messagesTo(chatId);
        return messages.length >= count ? messages : undefined;
      },
      timeoutMs,
      () => `${count} messages to chat ${chatId}; received ${this.messagesTo(chatId).length}: ${JSON.stringify(this.messagesTo(chatId).map((m) => m.plainText ?? `[${m.method}]`))}`,
    );
  }

  /** Waits until `probe` answers a value (re-checked after every change), or rejects after `timeoutMs`. */
  waitUntil<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string = () => 'a condition'): Promise<T> {
    return this.changes.waitFor(probe, timeoutMs, describe);
  }

  /** The user writes `text` (a `/command` gets its `bot_command` entity). Writing unblocks the bot. */
  userSends(input: UserInput & { text: string }): TgUpdate {
    const entities = commandEntities(input.text);
    return this.#userMessage(input, { text: input.text, ...(entities.length === 0 ? {} : { entities }) });
  }

  /** The user sends a photo, with an optional caption. */
  userSendsPhoto(input: UserInput & { caption?: string }): TgUpdate {
    const id = randomBytes(8).toString('hex');
    const photo = [
      { file_id: `AgAC_${id}_s`, file_unique_id: `${id}s`, width: 90, height: 67, file_size: 1_200 },
      { file_id: `AgAC_${id}_m`, file_unique_id: `${id}m`, width: 800, height: 600, file_size: 58_000 },
    ];
    return this.#userMessage(input, { photo, ...(input.caption === undefined ? {} : { caption: input.caption }) });
  }

  /** The user sends a sticker. */
  userSendsSticker(input: UserInput & { emoji?: string }): TgUpdate {
    const id = randomBytes(8).toString('hex');
    const sticker = { file_id: `CAAC_${id}`, file_unique_id: id, type: 'regular' as const, width: 512, height: 512, is_animated: false, is_video: false };
    return this.#userMessage(input, { sticker: input.emoji === undefined ? sticker : { ...sticker, emoji: input.emoji } });
  }

  /** The user presses an inline button of a message the bot sent to the chat; the query is tracked until answered. */
  userPresses(input: PressInput): TgUpdate {
    const chatId = input.chatId ?? input.userId;
    const entry = this.#deps.messages.find(chatId, input.messageId);
    if (entry === undefined) throw new Error(`TelegramEmulator: the bot sent no message ${input.messageId} to chat ${chatId}`);
    const update = this.#factory.callbackQuery(input, structuredClone(entry.message), input.data);
    const query = update.callback_query as NonNullable<TgUpdate['callback_query']>;
    this.#deps.callbacks.add({ id: query.id, userId: input.userId, chatId, messageId: input.messageId, data: input.data, at: Date.now(), answered: false });
    return this.#route(update);
  }

  /** Delivers an earlier update again with the same `update_id` (returned by the next getUpdates whatever its offset, or POSTed again). */
  redeliver(updateId: number): TgUpdate {
    const update = this.#history.get(updateId);
    if (update === undefined) throw new Error(`TelegramEmulator: no update ${updateId} is known`);
    return this.#route(update, true);
  }

  /** The next update gets id `next`, and the ones after count on from it: Telegram choosing a new sequence. */
  restartUpdateIds(next: number): void {
    this.#factory.restartIds(next);
  }

  /** Makes a chat known without a message (e.g. a group the bot was added to). */
  addChat(chat: TgChat): TgChat {
    return this.#deps.chats.upsert(chat);
  }

  /** The user blocks the bot: sends to the chat answer 403 `bot was blocked by the user` until they write again. */
  blockBot(chatId: number): void {
    this.#deps.chats.block(chatId);
  }

  /** The user's account is deleted: sends answer 403 `user is deactivated`. */
  deactivateUser(chatId: number): void {
    this.#deps.chats.deactivate(chatId);
  }

  /** A group becomes a supergroup: sends to `oldId` answer 400 with `parameters.migrate_to_chat_id = newId`. */
  migrateChat(oldId: number, newId: number): void {
    this.#deps.chats.migrate(oldId, newId);
  }

  /** Clears the user side (called by `reset()`). */
  protected resetUserSide(): void {
    this.#deps.updates.clear();
    this.#deps.messages.clear();
    this.#deps.callbacks.clear();
    this.#deps.chats.clear();
    this.#history.clear();
  }

  /** Called after an update was queued, so that a webhook can pick it up. */
  protected abstract routeUpdate(): void;

  #userMessage(input: UserInput, content: Parameters<UpdateFactory['message']>[1]): TgUpdate {
    this.#deps.chats.unblock(input.chatId ?? input.userId);
    return this.#route(this.#factory.message(input, content));
  }

  #route(update: TgUpdate, redelivery = false): TgUpdate {
    this.#history.set(update.update_id, update);
    trimMap(this.#history, this.#deps.maxRecords);
    this.#deps.updates.add(update, redelivery);
    this.routeUpdate();
    this.changes.notify();
    return update;
  }
}
