/**
 * Options and recorded state of the Zalo emulator, shared by the server and its method handlers.
 */

/** How the emulator behaves. */
export interface ZaloEmulatorOptions {
  /** The only token accepted; others answer 401. Default: a fixed `<id>:<secret>` test token. */
  token?: string;
  /** Cap on a long poll's wait, whatever `timeout` the bot asks for. Default 1000 ms. */
  maxPollWaitMs?: number;
  /** HTTP status of the empty-poll answer `{ ok: false, error_code: 408 }`: reports differ. Default 200. */
  emptyPollHttpStatus?: 200 | 408;
  /** sendMessage + sendPhoto calls allowed per second; beyond that, 429. Default: unlimited. */
  sendRateLimitPerSecond?: number;
  /** Webhook body shape: documented `{ ok, result }` (default) or the bare update. */
  webhookBody?: 'wrapped' | 'unwrapped';
  /** Extra delivery attempts after a non-2xx webhook answer. Default 0. */
  webhookRetries?: number;
}

/** An injected failure for the next call of a method. */
export interface ZaloFailure {
  /** HTTP status; defaults to `error_code`, else 500. */
  status?: number;
  /** The envelope's `error_code`; defaults to `status`, else 500. */
  error_code?: number;
  description?: string;
  /** Adds a `Retry-After` header. */
  retryAfterSeconds?: number;
  /** Cut the connection without answering (a network failure). */
  drop?: boolean;
}

/** One call received with the right token. */
export interface ZaloCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
}

/** A text the bot sent. */
export interface SentMessage {
  chatId: string;
  text: string;
  messageId: string;
  at: number;
}

/** A photo the bot sent. */
export interface SentPhoto {
  chatId: string;
  photo: string;
  caption?: string;
  messageId: string;
  at: number;
}

/** A chat action the bot sent. */
export interface SentChatAction {
  chatId: string;
  action: string;
  at: number;
}

/** Everything the emulator remembers about the bot's calls. */
export interface MethodState {
  sent: SentMessage[];
  photos: SentPhoto[];
  chatActions: SentChatAction[];
  calls: ZaloCall[];
  /** Times of accepted sends within the last second, for the rate limit. */
  sendTimes: number[];
  /** How many sends the rate limit refused. */
  throttled: number;
  webhook: { url: string; secret: string; updatedAt: number } | undefined;
  outCounter: number;
}
