import { hash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a webhook's secret header with the configured secret in constant time. Both sides are
 * hashed first so that their lengths match and a wrong length reveals nothing either.
 */
export function secretMatches(received: string | string[] | undefined, expected: string): boolean {
  if (typeof received !== 'string') return false;
  return timingSafeEqual(hash('sha256', received, 'buffer'), hash('sha256', expected, 'buffer'));
}

/**
 * The door check of a webhook route: 401 unless the secret header is right, decided from the headers
 * alone so that a stranger's body is never read.
 */
export function secretScreen(header: string, expected: string): (headers: Record<string, string | string[] | undefined>) => number | null {
  return (headers) => (secretMatches(headers[header], expected) ? null : 401);
}

/** The path part of a webhook URL, where the bot's own HTTP server listens for it. */
export function webhookPath(url: string): string {
  return new URL(url).pathname || '/';
}
