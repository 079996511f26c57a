/**
 * Reading the platform's answers: every answer is `{ ok, result?, error_code?, description? }`,
 * whatever the HTTP status, and proxies in front of it may answer HTML instead.
 */
import type { ZaloEnvelope } from './zalo-types.ts';

/** Reads an answer body as the platform's envelope; a non-JSON or odd body becomes an error envelope. */
export function toEnvelope(text: string, status: number): ZaloEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error_code: status >= 400 ? status : 502, description: `non-JSON answer (HTTP ${status})` };
  }
  if (!isRecord(json) || typeof json['ok'] !== 'boolean') {
    return { ok: false, error_code: status >= 400 ? status : 502, description: `unexpected answer (HTTP ${status})` };
  }
  const code = json['error_code'];
  const description = json['description'];
  return {
    ok: json['ok'],
    result: json['result'],
    ...(typeof code === 'number' ? { error_code: code } : {}),
    ...(typeof description === 'string' ? { description } : {}),
  };
}

/** The `Retry-After` header in milliseconds, when present and numeric. */
export function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** A transport failure in words (fetch hides the useful part in `cause`). */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  const causeText = cause instanceof Error ? `: ${cause.message}` : '';
  return `${error.message}${causeText}`;
}

/** A plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
