/**
 * Bot API answers: the success envelope and the error envelope, with the HTTP status the real
 * server pairs with each error code.
 */
import type { ResponseParameters } from './types.ts';

/** An error answer; method handlers throw it and the HTTP layer writes it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = 'ApiError';
  }

  /** The JSON body the Bot API sends for this error. */
  toBody(): Record<string, unknown> {
    return {
      ok: false,
      error_code: this.status,
      description: this.description,
      ...(this.parameters === undefined ? {} : { parameters: this.parameters }),
    };
  }
}

/** 400 `Bad Request: <detail>`. */
export function badRequest(detail: string, parameters?: ResponseParameters): ApiError {
  return new ApiError(400, `Bad Request: ${detail}`, parameters);
}

/** 403 `Forbidden: <detail>`. */
export function forbidden(detail: string): ApiError {
  return new ApiError(403, `Forbidden: ${detail}`);
}

/** 409 `Conflict: <detail>`. */
export function conflict(detail: string): ApiError {
  return new ApiError(409, `Conflict: ${detail}`);
}

/** 429 with `retry_after` in whole seconds (at least 1). */
export function tooManyRequests(retryAfterSeconds: number): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new ApiError(429, `Too Many Requests: retry after ${seconds}`, { retry_after: seconds });
}

/** 401 Unauthorized, for a well-formed token that is not the bot's. */
export const UNAUTHORIZED = (): ApiError => new ApiError(401, 'Unauthorized');

/** 404 Not Found, for an unknown method or a malformed path. */
export const NOT_FOUND = (): ApiError => new ApiError(404, 'Not Found');

/** The envelope of a successful call; some methods add a description ("Webhook was set"). */
export interface OkAnswer {
  ok: true;
  result: unknown;
  description?: string;
}

/** Wraps a method result in the success envelope. */
export function okBody(result: unknown, description?: string): OkAnswer {
  return description === undefined ? { ok: true, result } : { ok: true, result, description };
}

/** A result that carries a description beside it, as setWebhook's "Webhook was set". */
export class DescribedResult {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}
