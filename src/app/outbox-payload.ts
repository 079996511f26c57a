import type { MessageRef, Reply } from '../dialog/replies.ts';
import type { Locale } from '../domain/localized-text.ts';

/** A file sent with a message: a digest's chart (PNG) or its workbook (XLSX). */
export interface OutboxAttachment {
  kind: 'photo' | 'document';
  filename: string;
  contentType: string;
  /** The file's bytes, base64; kept in the message so a restart loses nothing. */
  base64: string;
  /** A public address of the same file, for platforms that take photos only by URL (Zalo). */
  url?: string;
  caption?: MessageRef;
}

/**
 * What an outbox message says, stored as JSON. The reply is kept as message keys and values and
 * rendered for its channel when it is sent (HTML on Telegram, numbered plain text on Zalo), in the
 * contact's language chosen when it was written.
 */
export interface OutboxPayload {
  locale: Locale;
  reply: Reply;
  attachments?: OutboxAttachment[];
}
