/**
 * The HTTP server against slow, crowding and unwelcome clients, over real TCP on loopback with short
 * limits: what can be refused from the headers is refused before a byte of the body is sent, slow
 * headers and stalled bodies are cut at their timeouts, and beyond the connection cap `/healthz`
 * still answers on the connections kept back for it.
 */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpServer } from '../../src/http/http-server.ts';
import type { HttpLimits } from '../../src/http/http-limits.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { RawHttpClient, requestHead } from '../support/raw-http-client.ts';

const SECRET = 'limits_test_secret_0123';
const LIMITS: HttpLimits = { headersTimeoutMs: 400, requestTimeoutMs: 800, keepAliveTimeoutMs: 300, idleTimeoutMs: 5_000, maxConnections: 4, reservedConnections: 2 };

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** A server with a screened webhook route that counts what reaches it, and a health route. */
async function startServer(limits: HttpLimits = LIMITS) {
  const logs: string[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => logs.push(String(chunk)));
  const http = new HttpServer(createLogger({ level: 'debug', pretty: false, secrets: [SECRET], destination: sink }), limits);
  const delivered: string[] = [];
  http.route('POST', '/hook', (request) => (delivered.push(request.body.toString('utf8')), { status: 200 }), {
    screen: (headers) => (headers['x-secret'] === SECRET ? null : 401),
  });
  http.route('GET', '/healthz', () => ({ status: 200, body: { status: 'ok' } }), { vital: true });
  const { port } = await http.listen('127.0.0.1', 0);
  const clients: RawHttpClient[] = [];
  cleanups.push(async () => {
    for (const client of clients) client.destroy();
    await http.close();
  });
  const open = async () => {
    const client = await RawHttpClient.connect(port);
    clients.push(client);
    return client;
  };
  return { http, port, delivered, logs, open };
}

async function healthz(port: number): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

async function postHook(port: number, body: string, secret = SECRET): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/hook`, { method: 'POST', headers: { 'x-secret': secret }, body, signal: AbortSignal.timeout(2_000) });
  await response.arrayBuffer();
  return response.status;
}

describe('HTTP server: answers from the headers', () => {
  it('should answer a wrong secret with 401 before the client sends a byte of its announced 50 MB body, and close', async () => {
    const { open, delivered } = await startServer();
    const client = await open();
    client.write(requestHead('POST', '/hook', { 'x-secret': 'wrong', 'content-type': 'application/json', 'content-length': 50_000_000 }));
    expect(await client.waitFor(/\r\n\r\n\{"ok":false\}/, 1_000)).toBe(true);
    expect(client.statuses).toEqual([401]);
    expect(client.text).toMatch(/connection: close/i);
    // Closed at once, not after a timeout: the 50 MB were never waited for.
    expect(await client.closed).toBeLessThan(LIMITS.headersTimeoutMs);
    expect(delivered).toEqual([]);
  });

  it.each([
    ['a wrong path', 'POST', '/nowhere', { 'x-secret': SECRET, 'content-length': 10_000_000 }, 404],
    ['a wrong method', 'PUT', '/hook', { 'x-secret': SECRET, 'content-length': 10_000_000 }, 405],
    ['an announced body over 1 MB', 'POST', '/hook', { 'x-secret': SECRET, 'content-length': 1024 * 1024 + 1 }, 413],
    ['a missing secret on a chunked body', 'POST', '/hook', { 'transfer-encoding': 'chunked' }, 401],
  ])('should refuse %s from the headers alone and close the connection', async (_name, method, path, headers, status) => {
    const { open, delivered } = await startServer();
    const client = await open();
    client.write(requestHead(method, path, headers));
    await client.closed;
    expect(client.statuses).toEqual([status]);
    expect(delivered).toEqual([]);
  });

  it('should answer a refused Expect: 100-continue without a 100, and an accepted one with 100 then the answer', async () => {
    const { open, delivered } = await startServer();
    const refused = await open();
    refused.write(requestHead('POST', '/hook', { 'x-secret': 'wrong', 'content-length': 2, expect: '100-continue' }));
    await refused.closed;
    expect(refused.statuses).toEqual([401]);
    const accepted = await open();
    accepted.write(requestHead('POST', '/hook', { 'x-secret': SECRET, 'content-length': 2, expect: '100-continue' }));
    expect(await accepted.waitFor(/100 Continue/, 1_000)).toBe(true);
    accepted.write('{}');
    expect(await accepted.waitFor(/\{"ok":true\}/, 1_000)).toBe(true);
    expect(accepted.statuses).toEqual([100, 200]);
    expect(delivered).toEqual(['{}']);
  });

  it('should stop reading a streamed body at 1 MB and answer 413 with the connection closed', async () => {
    const { open, delivered } = await startServer();
    const client = await open();
    client.write(requestHead('POST', '/hook', { 'x-secret': SECRET, 'transfer-encoding': 'chunked' }));
    const chunk = `10000\r\n${'x'.repeat(0x10000)}\r\n`;
    for (let i = 0; i < 20 && !client.isClosed; i++) {
      client.write(chunk);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await client.closed;
    expect(client.statuses).toEqual([413]);
    expect(delivered).toEqual([]);
  });

  it('should keep serving good requests on a kept-alive connection', async () => {
    const { port, delivered } = await startServer();
    for (const body of ['{"a":1}', '{"a":2}']) expect(await postHook(port, body)).toBe(200);
    expect(await postHook(port, '{"a":3}', 'wrong')).toBe(401);
    expect(delivered).toEqual(['{"a":1}', '{"a":2}']);
  });
});

describe('HTTP server: slow clients are cut', () => {
  it('should cut a client sending its headers byte by byte after the headers timeout', async () => {
    const { open } = await startServer();
    const client = await open();
    const head = requestHead('POST', '/hook', { 'x-secret': SECRET, 'content-length': 2, 'x-padding': 'p'.repeat(200) });
    void client.writeSlowly(head, 20);
    const closedAfter = await client.closed;
    expect(closedAfter).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 50);
    expect(closedAfter).toBeLessThan(LIMITS.headersTimeoutMs * 3);
    expect(client.statuses).toEqual([408]);
  });

  it('should cut a body that stalls after the request timeout, without calling the handler', async () => {
    const { open, delivered, logs } = await startServer();
    const client = await open();
    client.write(requestHead('POST', '/hook', { 'x-secret': SECRET, 'content-length': 100 }));
    client.write('{"update_id":');
    const closedAfter = await client.closed;
    expect(closedAfter).toBeGreaterThanOrEqual(LIMITS.requestTimeoutMs - 50);
    expect(closedAfter).toBeLessThan(LIMITS.requestTimeoutMs * 3);
    expect(delivered).toEqual([]);
    expect(logs.join('')).not.toContain('http handler failed');
  });

  it('should close a kept-alive connection left idle after the keep-alive timeout', async () => {
    const { open } = await startServer();
    const client = await open();
    client.write(requestHead('GET', '/healthz', {}));
    expect(await client.waitFor(/"ok"\}/, 1_000)).toBe(true);
    const closedAfter = await client.closed;
    expect(closedAfter).toBeGreaterThanOrEqual(LIMITS.keepAliveTimeoutMs - 50);
    // Node keeps a kept-alive socket a second longer than it advertises, so that the client hangs up first.
    expect(closedAfter).toBeLessThan(LIMITS.keepAliveTimeoutMs + 1_500);
  });
});

describe('HTTP server: the connection cap', () => {
  it('should keep /healthz answering while slow clients hold every ordinary connection, refuse the rest, and recover after the timeout', async () => {
    const { http, port, open, delivered } = await startServer();
    const slow = await Promise.all(Array.from({ length: LIMITS.maxConnections }, () => open()));
    for (const client of slow) void client.writeSlowly(requestHead('POST', '/hook', { 'x-secret': SECRET, 'content-length': 2 }), 25);
    await waitUntil(() => http.openConnections === LIMITS.maxConnections);

    // Health checks get the connections kept back, one request each, quickly.
    for (let i = 0; i < 3; i++) {
      const check = await healthz(port);
      expect(check.status).toBe(200);
      expect(check.ms).toBeLessThan(300);
    }
    // A webhook on a reserved connection is turned away at once.
    const extra = await open();
    extra.write(requestHead('POST', '/hook', { 'x-secret': SECRET, 'content-length': 2 }));
    await extra.closed;
    expect(extra.statuses).toEqual([503]);
    // Beyond the cap and the reserve, a new connection is closed before anything is read.
    const squatters = await Promise.all(Array.from({ length: LIMITS.reservedConnections }, () => open()));
    await waitUntil(() => http.openConnections === LIMITS.maxConnections + LIMITS.reservedConnections);
    const refused = await open();
    expect(await refused.closed).toBeLessThan(200);
    expect(refused.text).toBe('');
    // Squatters on the reserve are cut quickly; the slow ones at the headers timeout; then all is well again.
    await Promise.all([...squatters, ...slow].map((client) => client.closed));
    await waitUntil(() => http.openConnections === 0);
    expect(await postHook(port, '{"ok":1}')).toBe(200);
    expect(delivered).toEqual(['{"ok":1}']);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
