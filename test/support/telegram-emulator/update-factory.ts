/**
 * Builds the updates a user's actions produce, shaped as the Bot API shapes them: a private chat
 * whose id is the user id unless told otherwise, `bot_command` entities for `/commands` (so
 * telegraf's `bot.command()` and `bot.start()` match), callback queries carrying the message
 * they were pressed on, and update ids that increase from a random start.
 */
import { randomInt } from 'node:crypto';
import type { ChatRegistry } from './chat-registry.ts';
import type { TgCallbackQuery, TgChat, TgMessage, TgMessageEntity, TgUpdate, TgUser } from './types.ts';

/** Who acts: a Telegram user, optionally in a group chat. */
export interface UserInput {
  userId: number;
  firstName?: string;
  username?: string;
  languageCode?: string;
  /** Defaults to the user's private chat (id = userId); a negative id is a group. */
  chatId?: number;
}

/** The message content a user sends (text, photo, sticker…), without ids, sender or chat. */
export type UserContent = Omit<TgMessage, 'message_id' | 'from' | 'chat' | 'date'>;

/** Makes updates with unique, increasing ids. */
export class UpdateFactory {
  #lastUpdateId = randomInt(100_000_000, 900_000_000);
  #lastCallbackId = randomInt(1_000_000_000, 9_000_000_000);

  constructor(readonly chats: ChatRegistry) {}

  /** A new message update from the user; registers the chat. */
  message(input: UserInput, content: UserContent): TgUpdate {
    const chat = this.chat(input);
    const message: TgMessage = {
      message_id: this.chats.nextMessageId(chat.id),
      from: this.user(input),
      chat,
      date: Math.floor(Date.now() / 1000),
      ...content,
    };
    return { update_id: this.nextUpdateId(), message };
  }

  /** A new callback query on `message` (a message the bot sent to the chat). */
  callbackQuery(input: UserInput, message: TgMessage, data: string): TgUpdate {
    this.#lastCallbackId += 1 + randomInt(0, 1000);
    const query: TgCallbackQuery = {
      id: String(this.#lastCallbackId),
      from: this.user(input),
      message,
      chat_instance: String(BigInt(message.chat.id) * 7919n + 104_729n),
      data,
    };
    return { update_id: this.nextUpdateId(), callback_query: query };
  }

  /** Starts the ids again, as Telegram may after a week without updates (or as a new bot's ids do). */
  restartIds(next: number): void {
    this.#lastUpdateId = next - 1;
  }

  /** The next update id. */
  nextUpdateId(): number {
    this.#lastUpdateId += 1;
    return this.#lastUpdateId;
  }

  /** The user as the Bot API describes them. */
  user(input: UserInput): TgUser {
    return {
      id: input.userId,
      is_bot: false,
      first_name: input.firstName ?? `User ${input.userId}`,
      ...(input.username === undefined ? {} : { username: input.username }),
      ...(input.languageCode === undefined ? {} : { language_code: input.languageCode }),
    };
  }

  /** The chat the user acts in, registered with the chat registry. */
  chat(input: UserInput): TgChat {
    const chatId = input.chatId ?? input.userId;
    const known = this.chats.get(chatId);
    if (chatId === input.userId) {
      return this.chats.upsert({
        id: chatId,
        type: 'private',
        first_name: input.firstName ?? known?.first_name ?? `User ${input.userId}`,
        ...(input.username === undefined ? {} : { username: input.username }),
      });
    }
    return known ?? this.chats.upsert({ id: chatId, type: chatId < 0 ? 'group' : 'private', title: `Group ${chatId}` });
  }
}

/** `bot_command` entities for every `/command` that starts the text or follows whitespace. */
export function commandEntities(text: string): TgMessageEntity[] {
  const entities: TgMessageEntity[] = [];
  const pattern = /(^|\s)(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?=$|[\s.,;:!?])/g;
  for (const match of text.matchAll(pattern)) {
    const lead = match[1] ?? '';
    const command = match[2] ?? '';
    entities.push({ type: 'bot_command', offset: (match.index ?? 0) + lead.length, length: command.length });
  }
  return entities;
}
