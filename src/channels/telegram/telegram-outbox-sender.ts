/**
 * The outbox's Telegram transport: renders a stored payload with the channel's own renderer (HTML,
 * buttons, split at 4096 characters), sends attachments as photos or documents from their bytes, and
 * turns telegraf's errors into the outbox's outcomes (429 throttled with retry_after, 403 blocked or
 * deactivated, other 4xx permanent, 5xx and network retried). Pacing and retrying are the sender's.
 */
import { Telegram } from 'telegraf';
import type { OutboxTransport, SendOutcome } from '../../app/outbox-ports.ts';
import type { OutboxPayload } from '../../app/outbox-payload.ts';
import { renderMessage } from '../render-reply.ts';
import { escapeHtml, renderForTelegram, type TelegramOutgoing } from './telegram-render.ts';
import { TelegramApiError } from './telegram-api-error.ts';
import { stripHtml } from './telegram-sender.ts';

/** Telegram's limit on a caption. */
const CAPTION_LIMIT = 1024;

/** One Bot API call of an outbox message. */
export type TelegramOutboxPart =
  | { kind: 'text'; message: TelegramOutgoing }
  | { kind: 'photo' | 'document'; bytes: Buffer; filename: string; caption?: string };

/** What the outbox does next after a failed call. */
export function outcomeOf(failure: TelegramApiError): Exclude<SendOutcome, { status: 'sent' }> {
  const reason = failure.message;
  switch (failure.kind) {
    case 'throttled':
      return { status: 'throttled', retryAfterMs: failure.retryAfterMs ?? 1000, reason };
    case 'unreachable':
      return { status: 'unreachable', reason: /blocked/i.test(failure.description) ? 'blocked' : /deactivated/i.test(failure.description) ? 'deactivated' : 'forbidden' };
    // A wrong token is the operator's to fix: keep the messages rather than kill them all.
    case 'bad-token':
    case 'server':
    case 'network':
      return { status: 'retry', reason };
    default:
      return { status: 'permanent', reason };
  }
}

/** Delivers outbox messages on Telegram. */
export class TelegramOutboxTransport implements OutboxTransport<TelegramOutboxPart> {
  readonly channel = 'telegram' as const;
  readonly #telegram: Telegram;

  constructor(options: { token: string; apiRoot: string } | { telegram: Telegram }) {
    this.#telegram = 'telegram' in options ? options.telegram : new Telegram(options.token, { apiRoot: options.apiRoot });
  }

  render(payload: OutboxPayload): TelegramOutboxPart[] {
    const parts: TelegramOutboxPart[] = renderForTelegram(payload.reply, payload.locale).map((message) => ({ kind: 'text', message }));
    for (const attachment of payload.attachments ?? []) {
      const caption = attachment.caption ? renderMessage(payload.locale, attachment.caption, escapeHtml).slice(0, CAPTION_LIMIT) : undefined;
      parts.push({ kind: attachment.kind, bytes: Buffer.from(attachment.base64, 'base64'), filename: attachment.filename, ...(caption ? { caption } : {}) });
    }
    return parts;
  }

  async send(chatId: string, part: TelegramOutboxPart): Promise<SendOutcome> {
    try {
      await this.#call(chatId, part);
      return { status: 'sent' };
    } catch (error) {
      const failure = TelegramApiError.from(error);
      if (failure.kind === 'markup') return this.#plainFallback(chatId, part);
      return outcomeOf(failure);
    }
  }

  async #call(chatId: string, part: TelegramOutboxPart): Promise<void> {
    if (part.kind === 'text') {
      await this.#telegram.sendMessage(chatId, part.message.text, part.message.extra);
      return;
    }
    const file = { source: part.bytes, filename: part.filename };
    const extra = part.caption ? { caption: part.caption, parse_mode: 'HTML' as const } : {};
    if (part.kind === 'photo') await this.#telegram.sendPhoto(chatId, file, extra);
    else await this.#telegram.sendDocument(chatId, file, extra);
  }

  /** Markup the platform cannot parse must not lose the message: send it as plain text. */
  async #plainFallback(chatId: string, part: TelegramOutboxPart): Promise<SendOutcome> {
    try {
      if (part.kind === 'text') {
        const markup = part.message.extra.reply_markup;
        await this.#telegram.sendMessage(chatId, stripHtml(part.message.text), markup ? { reply_markup: markup } : {});
      } else {
        await this.#call(chatId, { ...part, ...(part.caption ? { caption: escapeHtml(stripHtml(part.caption)) } : {}) });
      }
      return { status: 'sent' };
    } catch (error) {
      return outcomeOf(TelegramApiError.from(error));
    }
  }
}
