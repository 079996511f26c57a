/**
 * Answering a request whose body is still on its way, without reading it.
 *
 * Why close rather than drain: keeping the connection would make Node read and throw away the whole
 * body (up to the request timeout) just to reuse the socket, which is the work a refusal is meant to
 * spare. With `Connection: close` Node ends the connection as soon as the answer is written; what the
 * client had already sent is discarded with the socket, so at most what fits in the network buffers is
 * ever read. A platform's delivery is a few kilobytes that arrive with the headers, so it always gets
 * the status intact; a client pushing megabytes after a refusal may see its upload reset after the
 * answer, which is the point.
 */
import type { ServerResponse } from 'node:http';

/** Sends `status` with a small JSON body and closes the connection; the request's body stays unread. */
export function answerEarly(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.destroy();
  const text = JSON.stringify({ ok: false });
  res.writeHead(status, { ...headers, connection: 'close', 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
