/**
 * Shapes of the Zalo Bot Platform API: updates (validated with zod, tolerant of extra fields)
 * and the results of the methods the client calls.
 */
import { z } from 'zod';
import { ZaloUpdateParseError } from './zalo-errors.ts';

/** Event names documented by the platform; others (e.g. `message.voice.received`) may appear. */
export type ZaloEventName =
  | 'message.text.received'
  | 'message.image.received'
  | 'message.sticker.received'
  | 'message.unsupported.received'
  | (string & {});

/** `PRIVATE` or `GROUP`; an unknown value is kept rather than dropping the update. */
export type ZaloChatType = 'PRIVATE' | 'GROUP' | (string & {});

/** Ids arrive as strings; a number is tolerated and turned into its decimal string. */
const id = z.union([z.string().min(1), z.number().finite()]).transform(String);

/** Milliseconds since the epoch; a numeric string is tolerated. */
const millis = z.union([z.number().finite(), z.string().regex(/^\d+$/).transform(Number)]);

const zaloMessageSchema = z.object({
  message_id: id,
  date: millis,
  from: z.object({
    id,
    display_name: z.string().optional(),
    is_bot: z.boolean().optional(),
  }),
  chat: z.object({ id, chat_type: z.string() }),
  text: z.string().optional(),
  photo: z.string().optional(),
  caption: z.string().optional(),
  sticker: z.string().optional(),
});

/** One update as the platform sends it; unknown extra fields are accepted and dropped. */
export const zaloUpdateSchema = z.object({
  event_name: z.string().min(1),
  message: zaloMessageSchema,
});

/** The message carried by an update. */
export interface ZaloMessage {
  message_id: string;
  /** Milliseconds since the epoch. */
  date: number;
  from: { id: string; display_name?: string | undefined; is_bot?: boolean | undefined };
  chat: { id: string; chat_type: ZaloChatType };
  text?: string | undefined;
  photo?: string | undefined;
  caption?: string | undefined;
  sticker?: string | undefined;
}

/** One inbound event: a user sent a text, a photo, a sticker, or something the platform withholds. */
export interface ZaloUpdate {
  event_name: ZaloEventName;
  message: ZaloMessage;
}

/** The outcome of parsing one update: never throws, so a poller can report and move on. */
export type ZaloUpdateParse =
  | { ok: true; update: ZaloUpdate }
  | { ok: false; error: ZaloUpdateParseError };

/** Validates one raw update against the documented shape. */
export function parseZaloUpdate(raw: unknown): ZaloUpdateParse {
  const parsed = zaloUpdateSchema.safeParse(raw);
  if (parsed.success) return { ok: true, update: parsed.data };
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, error: new ZaloUpdateParseError(issues, raw) };
}

/**
 * Reads a webhook delivery. The body is documented wrapped (`{ ok: true, result: update }`)
 * but some bots receive the bare update: both are accepted. Returns null for anything else.
 */
export function unwrapWebhookBody(body: unknown): ZaloUpdate | null {
  if (typeof body !== 'object' || body === null) return null;
  const candidate = 'result' in body && !('event_name' in body) ? body.result : body;
  const parsed = parseZaloUpdate(candidate);
  return parsed.ok ? parsed.update : null;
}

/** The dedup key of an update: the platform has no offset, so the same message can come again. */
export function zaloUpdateKey(update: ZaloUpdate): string {
  return `${update.event_name}:${update.message.message_id}`;
}

/** What `getMe` returns; fields beyond `id` are not guaranteed. */
export interface ZaloBotInfo {
  id: string;
  account_name?: string;
  account_type?: string;
  display_name?: string;
  can_join_groups?: boolean;
  [field: string]: unknown;
}

/** What the send methods return. */
export interface ZaloSentMessage {
  message_id: string;
  date: number;
  [field: string]: unknown;
}

/** What `getWebhookInfo` returns; an empty `url` means no webhook is set. */
export interface ZaloWebhookInfo {
  url: string;
  updated_at?: number;
  [field: string]: unknown;
}

/** Every answer of the platform, whatever the HTTP status. */
export interface ZaloEnvelope {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
}

/** The outcome of one `getUpdates` call: usually zero or one update, never a throw for bad shapes. */
export interface ZaloPollResult {
  updates: ZaloUpdate[];
  malformed: ZaloUpdateParseError[];
}
