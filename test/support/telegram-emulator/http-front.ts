/**
 * The HTTP edge of the emulator: recognising `/bot<token>/<method>` paths, telling a malformed
 * token (404, as the real server) from a well-formed wrong one (401), and writing JSON answers.
 */
import type { ServerResponse } from 'node:http';

/** The token and method named by a request path, or undefined when the path is not a Bot API call. */
export function parseBotPath(pathname: string): { token: string; method: string } | undefined {
  const match = /^\/bot([^/]+)\/([A-Za-z0-9_]*)\/?$/.exec(pathname);
  if (match === null) return undefined;
  return { token: decodeURIComponent(match[1] as string), method: match[2] as string };
}

/** True for a token shaped like `<bot id>:<secret>`. */
export function isWellFormedToken(token: string): boolean {
  return /^\d{1,20}:[A-Za-z0-9_-]{1,100}$/.test(token);
}

/** The bot's user id: the token's numeric prefix. */
export function botIdOf(token: string): number {
  const id = Number(token.split(':')[0]);
  return Number.isSafeInteger(id) && id > 0 ? id : 123_456_789;
}

/** Writes a JSON answer unless the client is already gone. */
export function writeJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** An AbortSignal that fires when the client goes away before the answer is written. */
export function clientGoneSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
