/**
 * A failed Bot API call, read once off telegraf's error and classified once, so that direct replies
 * and the outbox agree on what each failure means (what they then do may differ: a reply is dropped
 * after a few tries, an outbox message is kept for later).
 */

/** What a failure means. */
export type TelegramErrorKind =
  /** 429: wait `retryAfterMs`, then try again. */
  | 'throttled'
  /** 403: the person blocked the bot or deleted their account. */
  | 'unreachable'
  /** 401/404: the token is wrong or revoked; the operator must fix it. */
  | 'bad-token'
  /** 400 "can't parse entities": the HTML was refused; plain text goes through. */
  | 'markup'
  /** 5xx: the platform's trouble, usually brief. */
  | 'server'
  /** No answer at all: network failure or timeout. */
  | 'network'
  /** Any other 4xx: the platform refuses this call for good. */
  | 'refused';

export class TelegramApiError extends Error {
  override readonly name = 'TelegramApiError';
  /** The platform's error code (the HTTP status); undefined when no answer came. */
  readonly code: number | undefined;
  readonly description: string;
  /** Set on 429: how long the platform asked to wait. */
  readonly retryAfterMs: number | undefined;
  readonly kind: TelegramErrorKind;
  /** True when trying the same call again later may succeed. */
  readonly retryable: boolean;

  private constructor(code: number | undefined, description: string, retryAfterSeconds: number | undefined) {
    super(code === undefined ? description : `${code} ${description}`);
    this.code = code;
    this.description = description;
    this.retryAfterMs = retryAfterSeconds === undefined ? undefined : Math.max(1, retryAfterSeconds) * 1000;
    this.kind = kindOf(code, description);
    this.retryable = this.kind === 'throttled' || this.kind === 'server' || this.kind === 'network';
  }

  /** Reads telegraf's TelegramError (or a network error) without trusting its shape. */
  static from(error: unknown): TelegramApiError {
    if (error instanceof TelegramApiError) return error;
    const e = error as { code?: unknown; description?: unknown; response?: { parameters?: { retry_after?: unknown } }; parameters?: { retry_after?: unknown } };
    const retry = e?.parameters?.retry_after ?? e?.response?.parameters?.retry_after;
    const code = typeof e?.code === 'number' ? e.code : undefined;
    const description = typeof e?.description === 'string' ? e.description : String((error as Error)?.message ?? error);
    return new TelegramApiError(code, description, typeof retry === 'number' ? retry : undefined);
  }
}

function kindOf(code: number | undefined, description: string): TelegramErrorKind {
  if (code === undefined) return 'network';
  if (code === 429) return 'throttled';
  if (code === 403) return 'unreachable';
  if (code === 401 || code === 404) return 'bad-token';
  if (code === 400 && /parse entities/i.test(description)) return 'markup';
  if (code >= 500) return 'server';
  return 'refused';
}
