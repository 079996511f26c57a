/**
 * The shapes the Telegram emulator speaks and records: its options, the Bot API objects it builds
 * (a structural subset of the official types, enough for telegraf), and what tests inspect.
 */

/** Token buckets applied to every sending method (see `rate-limiter.ts`). */
export interface RateLimitOptions {
  /** Sends a second across all chats (the Bot API's "about 30"). */
  globalPerSecond: number;
  /** Sends a second to one chat (the Bot API's "about 1"). */
  perChatPerSecond: number;
  /** Sends one chat may take at once before the per-chat rate applies; default 1. */
  burst?: number;
  /** Sends all chats may take at once; default `globalPerSecond`. */
  globalBurst?: number;
  /** Sends a minute to one group (negative chat id); default 20, `0` disables the group bucket. */
  perGroupPerMinute?: number;
}

/** How to start an emulator; every field has a default. */
export interface TelegramEmulatorOptions {
  /** The bot's token; its numeric prefix becomes the bot's user id. */
  token?: string;
  /** Defaults to the platform's limits (30/s global, 1/s per chat, burst 1); `false` turns them off. */
  rateLimit?: RateLimitOptions | false;
  /** The rate limiter's clock (monotonic milliseconds); tests that count tokens exactly freeze it. */
  limiterClock?: () => number;
  /** Delays before the 2nd, 3rd… webhook attempt; after the last the update is given up. */
  webhookRetryDelaysMs?: number[];
  /** How long one webhook POST may take before it counts as failed; default 10 000 ms. */
  webhookTimeoutMs?: number;
  /** Upper bound on a `getUpdates` long poll, in seconds (the real server caps at 50). */
  maxLongPollSeconds?: number;
  /** The bot's `@username`; default `baocao_test_bot`. */
  botUsername?: string;
  /** The bot's display name. */
  botFirstName?: string;
  /** Each inspection log (sent, calls, deliveries, send times) keeps at most this many entries; default 100 000. */
  maxRecords?: number;
}

/** A Bot API user. */
export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
  language_code?: string;
}

/** A Bot API chat (the fields the emulator fills). */
export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  first_name?: string;
  username?: string;
}

/** A formatting span; offsets and lengths count UTF-16 code units, as the Bot API does. */
export interface TgMessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

/** A Bot API message (a subset). */
export interface TgMessage {
  message_id: number;
  from?: TgUser;
  chat: TgChat;
  date: number;
  edit_date?: number;
  text?: string;
  entities?: TgMessageEntity[];
  caption?: string;
  caption_entities?: TgMessageEntity[];
  photo?: Array<{ file_id: string; file_unique_id: string; width: number; height: number; file_size?: number }>;
  document?: { file_id: string; file_unique_id: string; file_name?: string; mime_type?: string; file_size?: number };
  sticker?: { file_id: string; file_unique_id: string; type: 'regular'; width: number; height: number; is_animated: boolean; is_video: boolean; emoji?: string };
  reply_markup?: unknown;
  migrate_to_chat_id?: number;
}

/** A callback query, as sent when a user presses an inline button. */
export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message: TgMessage;
  chat_instance: string;
  data: string;
}

/** A Bot API update (message or callback_query only). */
export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  callback_query?: TgCallbackQuery;
}

/** Extra fields of an error answer. */
export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

/** An injected failure; `drop` cuts the connection instead of answering. */
export interface InjectedFailure {
  status: number;
  description?: string;
  parameters?: ResponseParameters;
  drop?: boolean;
}

/** A file part the bot uploaded (multipart/form-data). */
export interface UploadedFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** One message the bot sent and the API accepted; edits and deletions update it in place. */
export interface SentMessage {
  messageId: number;
  chatId: number;
  /** The text as the bot sent it (markup included); the caption for media. */
  text: string | undefined;
  /** The text a user sees, after entity parsing. */
  plainText: string | undefined;
  parseMode: string | undefined;
  replyMarkup: unknown;
  method: string;
  /** `Date.now()` when accepted. */
  at: number;
  file?: UploadedFile;
  /** A file id or URL the bot passed instead of uploading. */
  fileRef?: string;
  caption?: string;
  editedAt?: number;
  deleted?: boolean;
}

/** One call the bot made (the token is never stored). File parts are summarised. */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  /** The HTTP status answered (set once answered). */
  status?: number;
  /** True when the bot made the call in its answer to a webhook POST (telegraf's `webhookReply`). */
  viaWebhookReply?: boolean;
}

/** One webhook POST attempt; `status` 0 means a network error or timeout. */
export interface WebhookDelivery {
  updateId: number;
  status: number;
  attempt: number;
  at: number;
  error?: string;
}

/** A callback query the user made, and whether the bot answered it. */
export interface CallbackRecord {
  id: string;
  userId: number;
  chatId: number;
  messageId: number;
  data: string;
  at: number;
  answered: boolean;
  answer?: { text?: string; showAlert?: boolean; url?: string };
}

/** A chat action (typing…) the bot sent. */
export interface ChatActionRecord {
  chatId: number;
  action: string;
  at: number;
}

/** A bot command as stored by setMyCommands. */
export interface BotCommand {
  command: string;
  description: string;
}
