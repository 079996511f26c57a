/**
 * Typed errors of the Zalo Bot Platform client.
 *
 * Every error carries a stable code the caller can branch on (the outbox retries what is
 * retryable, the poller stops on `unauthorized`), and none ever carries the bot token: the
 * token sits in the URL path, so every text that may hold a URL goes through `redactToken`.
 */

/** What went wrong, independent of the exact numeric code the platform sent. */
export type ZaloErrorKind =
  | 'unauthorized'
  | 'throttled'
  | 'server'
  | 'network'
  | 'bad_request'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'aborted'
  | 'unknown';

const TOKEN_IN_PATH = /\/bot[^/\s?#"']+/g;

/**
 * Replaces the token segment of any Bot API URL (`/bot<token>/`) in a text, and every literal
 * occurrence of `token` when given. Use on anything that may end up in a message or a log.
 */
export function redactToken(text: string, token?: string): string {
  let out = text.replace(TOKEN_IN_PATH, '/bot<redacted>');
  if (token !== undefined && token.length > 0) out = out.split(token).join('<redacted>');
  return out;
}

/** Maps a platform error code (or an HTTP status) to a kind. */
export function kindOfCode(code: number): ZaloErrorKind {
  if (code === 400) return 'bad_request';
  if (code === 401) return 'unauthorized';
  if (code === 403) return 'forbidden';
  if (code === 404) return 'not_found';
  if (code === 408) return 'network';
  if (code === 409) return 'conflict';
  if (code === 429) return 'throttled';
  if (code >= 500 && code <= 599) return 'server';
  return 'unknown';
}

/** Whether a call that failed with this kind may succeed when repeated unchanged. */
export function isRetryableKind(kind: ZaloErrorKind): boolean {
  return kind === 'throttled' || kind === 'server' || kind === 'network';
}

/** Fields of a `ZaloApiError`; `description` must already be free of the token. */
export interface ZaloApiErrorInit {
  method: string;
  errorCode: number;
  description: string;
  kind?: ZaloErrorKind;
  httpStatus?: number;
  retryAfterMs?: number;
}

/**
 * A call to the platform failed: the platform answered `ok: false`, the HTTP exchange broke,
 * or the call timed out. `errorCode` is the platform's `error_code` (or the HTTP status when
 * the body was not JSON; 0 for network failures and aborts).
 */
export class ZaloApiError extends Error {
  override readonly name = 'ZaloApiError';
  readonly method: string;
  readonly errorCode: number;
  readonly description: string;
  readonly kind: ZaloErrorKind;
  readonly retryable: boolean;
  readonly httpStatus: number | undefined;
  /** Set when the platform said how long to wait (a `Retry-After` header). */
  readonly retryAfterMs: number | undefined;

  constructor(init: ZaloApiErrorInit) {
    const kind = init.kind ?? kindOfCode(init.errorCode);
    const description = redactToken(init.description);
    super(messageFor(init.method, kind, init.errorCode, description));
    this.method = init.method;
    this.errorCode = init.errorCode;
    this.description = description;
    this.kind = kind;
    this.retryable = isRetryableKind(kind);
    this.httpStatus = init.httpStatus;
    this.retryAfterMs = init.retryAfterMs;
  }
}

function messageFor(method: string, kind: ZaloErrorKind, code: number, description: string): string {
  if (kind === 'unauthorized') {
    return `Zalo ${method}: the bot token was rejected (401 ${description}); check the configured Zalo bot token`;
  }
  const codePart = code > 0 ? ` ${code}` : '';
  return `Zalo ${method} failed (${kind}${codePart}): ${description}`;
}

/** Stable codes of requests refused locally, before anything is sent. */
export type ZaloValidationCode =
  | 'text_empty'
  | 'text_too_long'
  | 'caption_too_long'
  | 'chat_id_missing'
  | 'photo_url_invalid'
  | 'webhook_url_invalid'
  | 'secret_token_length'
  | 'timeout_invalid';

/**
 * A request the platform would refuse (text over 2000 characters, a short webhook secret…),
 * caught before sending so the caller gets a precise code instead of an opaque 400.
 */
export class ZaloValidationError extends Error {
  override readonly name = 'ZaloValidationError';
  readonly retryable = false;
  constructor(
    readonly code: ZaloValidationCode,
    readonly method: string,
    detail: string,
  ) {
    super(`Zalo ${method} refused locally (${code}): ${detail}`);
  }
}

/**
 * An update that does not have the documented shape. Reported, never thrown at a poller:
 * one odd update must not stop the bot from reading the next.
 */
export class ZaloUpdateParseError extends Error {
  override readonly name = 'ZaloUpdateParseError';
  readonly code = 'malformed_update';
  readonly retryable = false;
  constructor(
    readonly issues: string,
    readonly raw: unknown,
  ) {
    super(`Malformed Zalo update: ${issues}`);
  }
}
