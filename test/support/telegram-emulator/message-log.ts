/**
 * What the bot sent and the API accepted: the inspection records tests read (`SentMessage`) and
 * the Bot API message objects behind them, looked up by chat and message id for edits,
 * deletions and callback queries. Both are bounded.
 */
import { appendBounded, trimMap } from './bounded-log.ts';
import type { SentMessage, TgMessage } from './types.ts';

interface Entry {
  record: SentMessage;
  message: TgMessage;
}

/** The bot's accepted messages. */
export class MessageLog {
  readonly sent: SentMessage[] = [];
  readonly #byKey = new Map<string, Entry>();

  constructor(readonly limit: number) {}

  /** Records a new message. */
  add(record: SentMessage, message: TgMessage): void {
    appendBounded(this.sent, record, this.limit);
    this.#byKey.set(key(record.chatId, record.messageId), { record, message });
    trimMap(this.#byKey, this.limit);
  }

  /** The bot's message in a chat, if it is still known and not deleted. */
  find(chatId: number, messageId: number): Entry | undefined {
    const entry = this.#byKey.get(key(chatId, messageId));
    return entry === undefined || entry.record.deleted === true ? undefined : entry;
  }

  /** Messages sent to one chat, oldest first (deleted ones included, flagged). */
  to(chatId: number): SentMessage[] {
    return this.sent.filter((message) => message.chatId === chatId);
  }

  /** Forgets everything. */
  clear(): void {
    this.sent.length = 0;
    this.#byKey.clear();
  }
}

function key(chatId: number, messageId: number): string {
  return `${chatId}:${messageId}`;
}
