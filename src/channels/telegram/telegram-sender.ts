import type { Telegram } from 'telegraf';
import { TelegramApiError } from './telegram-api-error.ts';
import type { TelegramOutgoing } from './telegram-render.ts';

/** Longest wait honoured for a direct reply; beyond it the reply is dropped (the contact can ask again). */
const MAX_RETRY_AFTER_SECONDS = 30;
const ATTEMPTS = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the parts of a reply in order. telegraf does not retry, so this honours `retry_after` on 429
 * and backs off on server and network errors; anything else is final and thrown as a TelegramApiError.
 */
export async function sendReplyParts(telegram: Telegram, chatId: string, parts: TelegramOutgoing[]): Promise<void> {
  for (const part of parts) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await telegram.sendMessage(chatId, part.text, part.extra);
        break;
      } catch (error) {
        const failure = TelegramApiError.from(error);
        if (failure.kind === 'markup' && part.extra.parse_mode) {
          // Never leave the contact without an answer because of markup: send it as plain text.
          await telegram.sendMessage(chatId, stripHtml(part.text), { reply_markup: part.extra.reply_markup });
          break;
        }
        if (!failure.retryable || attempt >= ATTEMPTS) throw failure;
        const waitSeconds = failure.retryAfterMs !== undefined ? failure.retryAfterMs / 1000 : 2 ** (attempt - 1) * 0.5 * (1 + Math.random());
        if (waitSeconds > MAX_RETRY_AFTER_SECONDS) throw failure;
        await sleep(waitSeconds * 1000);
      }
    }
  }
}

/** The text of an HTML message without its tags, for the plain-text fallback. */
export function stripHtml(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
