/**
 * Reading a request's body within a size limit, and telling whether a request has one. A body that
 * grows past the limit is left unread from there on; one whose client goes away (or is cut by a
 * timeout) ends the request quietly: there is nobody left to answer.
 */
import type { IncomingMessage } from 'node:http';

/** What became of a body: read whole, too large (reading stopped there), or cut off before its end. */
export type BodyRead = { kind: 'read'; body: Buffer } | { kind: 'too_large' } | { kind: 'cut' };

/** Reads the body up to `limit` bytes; stops reading at the first byte beyond it. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (outcome: BodyRead) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.pause();
      finish({ kind: 'too_large' });
    };
    req.on('data', onData);
    req.once('end', () => finish({ kind: 'read', body: Buffer.concat(chunks) }));
    req.once('error', () => finish({ kind: 'cut' }));
    req.once('close', () => finish({ kind: 'cut' }));
  });
}

/** Whether the request says a body follows (a length above zero, or chunks). */
export function announcesBody(req: IncomingMessage): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}
