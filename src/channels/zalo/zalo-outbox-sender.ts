/**
 * The outbox's Zalo transport: a payload becomes numbered plain text split at 2000 characters (Zalo
 * has no buttons), and photos go out only when an attachment has a public URL (Zalo's sendPhoto takes
 * no uploads); other attachments are left out. Errors become the outbox's outcomes: 429 throttled,
 * 5xx and network retried, 403 unreachable, other refusals permanent.
 */
import type { OutboxTransport, SendOutcome } from '../../app/outbox-ports.ts';
import type { OutboxAttachment, OutboxPayload } from '../../app/outbox-payload.ts';
import { renderAsNumberedText, renderMessage } from '../render-reply.ts';
import { splitMessage } from '../split-message.ts';
import { ZALO_TEXT_LIMIT, ZaloClient } from './zalo-client.ts';
import { ZaloApiError, ZaloValidationError } from './zalo-errors.ts';

/** One Zalo call of an outbox message. */
export type ZaloOutboxPart = { kind: 'text'; text: string } | { kind: 'photo'; url: string; caption?: string };

/** An attachment that may carry a public address (the payload stores bytes; a URL is optional). */
type AttachmentWithUrl = OutboxAttachment & { url?: unknown };

function publicUrlOf(attachment: AttachmentWithUrl): string | null {
  return typeof attachment.url === 'string' && /^https?:\/\/\S+$/i.test(attachment.url) ? attachment.url : null;
}

/** Maps a failed Zalo call to what the outbox does next. */
export function classifyZaloFailure(error: unknown): Exclude<SendOutcome, { status: 'sent' }> {
  if (error instanceof ZaloValidationError) return { status: 'permanent', reason: error.code };
  if (!(error instanceof ZaloApiError)) return { status: 'retry', reason: String((error as Error)?.message ?? error) };
  const reason = `${error.errorCode} ${error.description}`;
  if (error.kind === 'throttled') return { status: 'throttled', retryAfterMs: error.retryAfterMs ?? 1000, reason };
  if (error.kind === 'forbidden') return { status: 'unreachable', reason: 'forbidden' };
  if (error.retryable || error.kind === 'aborted' || error.kind === 'unauthorized') return { status: 'retry', reason };
  return { status: 'permanent', reason };
}

/** Delivers outbox messages on Zalo. */
export class ZaloOutboxTransport implements OutboxTransport<ZaloOutboxPart> {
  readonly channel = 'zalo' as const;
  readonly #client: ZaloClient;

  constructor(options: { token: string; apiRoot: string } | { client: ZaloClient }) {
    this.#client = 'client' in options ? options.client : new ZaloClient({ token: options.token, apiRoot: options.apiRoot });
  }

  render(payload: OutboxPayload): ZaloOutboxPart[] {
    const parts: ZaloOutboxPart[] = splitMessage(renderAsNumberedText(payload.reply, payload.locale), ZALO_TEXT_LIMIT).map((text) => ({ kind: 'text', text }));
    for (const attachment of (payload.attachments ?? []) as AttachmentWithUrl[]) {
      const url = publicUrlOf(attachment);
      if (!url) continue;
      const caption = attachment.caption ? renderMessage(payload.locale, attachment.caption).slice(0, ZALO_TEXT_LIMIT) : undefined;
      parts.push({ kind: 'photo', url, ...(caption ? { caption } : {}) });
    }
    return parts;
  }

  async send(chatId: string, part: ZaloOutboxPart): Promise<SendOutcome> {
    try {
      if (part.kind === 'text') await this.#client.sendMessage({ chat_id: chatId, text: part.text });
      else await this.#client.sendPhoto({ chat_id: chatId, photo: part.url, ...(part.caption ? { caption: part.caption } : {}) });
      return { status: 'sent' };
    } catch (error) {
      return classifyZaloFailure(error);
    }
  }
}
