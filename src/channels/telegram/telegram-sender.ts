import type { Telegram } from 'telegraf';
import type { TelegramOutgoing } from './telegram-render.ts';

/** Longest wait honoured for a direct reply; beyond it the reply is dropped (the contact can ask again). */
const MAX_RETRY_AFTER_SECONDS = 30;
const ATTEMPTS = 4;

/** What a failed call tells us, read off telegraf's TelegramError. */
export interface TelegramFailure {
  code: number | undefined;
  description: string;
  retryAfter: number | undefined;
}

export function readTelegramError(error: unknown): TelegramFailure {
  const e = error as { code?: unknown; description?: unknown; response?: { parameters?: { retry_after?: unknown } }; parameters?: { retry_after?: unknown } };
  const retry = e.parameters?.retry_after ?? e.response?.parameters?.retry_after;
  return {
    code: typeof e.code === 'number' ? e.code : undefined,
    description: typeof e.description === 'string' ? e.description : String((error as Error)?.message ?? error),
    retryAfter: typeof retry === 'number' ? retry : undefined,
  };
}

/** Blocked or deactivated: the contact cannot be reached on Telegram until they write again. */
export function isUnreachable(failure: TelegramFailure): boolean {
  return failure.code === 403;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the parts of a reply in order. telegraf does not retry, so this honours `retry_after` on 429
 * and backs off on server and network errors; a 4xx other than 429 is final and thrown.
 */
export async function sendReplyParts(telegram: Telegram, chatId: string, parts: TelegramOutgoing[]): Promise<void> {
  for (const part of parts) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await telegram.sendMessage(chatId, part.text, part.extra);
        break;
      } catch (error) {
        const failure = readTelegramError(error);
        if (failure.code === 400 && /parse entities/i.test(failure.description) && part.extra.parse_mode) {
          // Never leave the contact without an answer because of markup: send it as plain text.
          await telegram.sendMessage(chatId, stripHtml(part.text), { reply_markup: part.extra.reply_markup });
          break;
        }
        const retryable = failure.code === 429 || failure.code === undefined || failure.code >= 500;
        if (!retryable || attempt >= ATTEMPTS) throw error;
        const waitSeconds = failure.code === 429 ? failure.retryAfter ?? 1 : 2 ** (attempt - 1) * 0.5 * (1 + Math.random());
        if (waitSeconds > MAX_RETRY_AFTER_SECONDS) throw error;
        await sleep(waitSeconds * 1000);
      }
    }
  }
}

/** The text of an HTML message without its tags, for the plain-text fallback. */
export function stripHtml(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
