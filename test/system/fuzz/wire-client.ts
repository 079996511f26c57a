/**
 * Plays a `WireShape` against a webhook over a bare socket: the head in pieces (or byte by byte), the
 * wait for `100 Continue`, the body framed as the shape says, and the wait for the answer or hang-up.
 */
import { RawHttpClient, requestHead } from '../../support/raw-http-client.ts';
import { updateBody, type WireShape } from './generators/wire-shapes.ts';

/** What came back: every status line (a 100 included) and whether the server hung up. */
export interface WireResult {
  statuses: number[];
  closed: boolean;
}

const FINAL_ANSWER = /HTTP\/1\.1 (?!100)\d{3} [^\r]*\r\n[\s\S]*?\r\n\r\n\{[^}]*\}/;
const HUGE = 2 * 1024 * 1024;

/** Sends one shape to `pathname` (the webhook's path) and waits at most `patienceMs` for the outcome. */
export async function playShape(port: number, pathname: string, secret: string, shape: WireShape, patienceMs: number): Promise<WireResult> {
  const client = await RawHttpClient.connect(port);
  try {
    const body = updateBody(shape);
    const headers: Record<string, string | number> = { 'content-type': 'application/json' };
    if (shape.secret === 'right') headers['x-telegram-bot-api-secret-token'] = secret;
    if (shape.secret === 'wrong') headers['x-telegram-bot-api-secret-token'] = `${secret}x`;
    if (shape.expectContinue) headers.expect = '100-continue';
    if (shape.framing === 'exact' || shape.framing === 'stall') headers['content-length'] = Buffer.byteLength(body);
    if (shape.framing === 'short') headers['content-length'] = Math.floor(Buffer.byteLength(body) / 2);
    if (shape.framing === 'huge') headers['content-length'] = HUGE;
    if (shape.framing === 'chunked' || shape.framing === 'chunked_huge') headers['transfer-encoding'] = 'chunked';
    const head = requestHead(shape.method, shape.path === 'webhook' ? pathname : '/khong-co', headers);

    if (shape.slowHeaders) {
      await client.writeSlowly(head, 25);
      await client.closed;
      return { statuses: client.statuses, closed: true };
    }
    let from = 0;
    for (const cut of [...shape.cuts, 1]) {
      const to = Math.round(cut * head.length);
      client.write(head.slice(from, to));
      from = to;
      if (shape.pieceDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, shape.pieceDelayMs));
    }
    if (shape.expectContinue) {
      await client.waitFor(/HTTP\/1\.1 \d{3} /, patienceMs);
      if (client.statuses[0] !== 100) return await settle(client, patienceMs);
    }
    await sendBody(client, shape, body);
    return await settle(client, patienceMs);
  } finally {
    client.destroy();
  }
}

async function sendBody(client: RawHttpClient, shape: WireShape, body: string): Promise<void> {
  switch (shape.framing) {
    case 'stall':
      return client.write(body.slice(0, Math.floor(body.length / 2)));
    case 'huge':
      return client.write(body);
    case 'chunked':
      return client.write(`${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`);
    case 'chunked_huge': {
      const chunk = `10000\r\n${'x'.repeat(0x10000)}\r\n`;
      for (let sent = 0; sent <= HUGE && !client.isClosed; sent += 0x10000) {
        client.write(chunk);
        await new Promise((resolve) => setImmediate(resolve));
      }
      return;
    }
    default:
      return client.write(body);
  }
}

/** Waits for a final answer or the hang-up. */
async function settle(client: RawHttpClient, patienceMs: number): Promise<WireResult> {
  await client.waitFor(FINAL_ANSWER, patienceMs);
  return { statuses: client.statuses, closed: client.isClosed };
}
