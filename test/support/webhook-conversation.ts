import type { SentMessage, TelegramEmulator, TgUpdate } from './telegram-emulator/index.ts';

/** Bound on one exchange: the bot answers a webhook only once the update is handled and its replies are sent. */
const EXCHANGE_TIMEOUT_MS = 15_000;

/**
 * Talks to a bot that receives Telegram updates by webhook: each exchange ends when the emulator's
 * webhook POST for that update was answered, so every part of a long (split) reply is in, and
 * nothing of this exchange spills into the next one.
 */
export class WebhookConversation {
  constructor(private readonly tg: TelegramEmulator) {}

  /** The user writes; resolves with every message the bot sent them for it. */
  say(userId: number, text: string): Promise<SentMessage[]> {
    return this.#exchange(userId, () => this.tg.userSends({ userId, text, firstName: 'Nguyễn', languageCode: 'vi' }));
  }

  /** The user presses a button with the given data on the bot's latest message to them. */
  press(userId: number, data: string): Promise<SentMessage[]> {
    const last = this.tg.lastMessageTo(userId);
    if (!last) throw new Error(`the bot never wrote to ${userId}; nothing to press`);
    return this.#exchange(userId, () => this.tg.userPresses({ userId, messageId: last.messageId, data, firstName: 'Nguyễn' }));
  }

  async #exchange(userId: number, act: () => TgUpdate): Promise<SentMessage[]> {
    const before = this.tg.messagesTo(userId).length;
    const update = act();
    await this.tg.waitUntil(
      () => this.tg.webhookDeliveries.find((delivery) => delivery.updateId === update.update_id && delivery.status === 200),
      EXCHANGE_TIMEOUT_MS,
      () => `the webhook answer for update ${update.update_id}`,
    );
    return this.tg.messagesTo(userId).slice(before);
  }
}

/** The text a user sees in a list of messages, parts joined. */
export function visibleText(messages: readonly SentMessage[]): string {
  return messages.map((message) => message.plainText ?? message.text ?? message.caption ?? '').join('\n---\n');
}
