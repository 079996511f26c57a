import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ZaloClient } from '../../../src/channels/zalo/zalo-client.ts';
import { unwrapWebhookBody } from '../../../src/channels/zalo/zalo-types.ts';
import { ZaloEmulator, type ZaloEmulatorOptions } from '../../support/zalo-emulator.ts';

interface Received {
  headers: IncomingHttpHeaders;
  body: unknown;
}

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: ZaloEmulatorOptions = {}): Promise<{ emulator: ZaloEmulator; client: ZaloClient }> {
  const emulator = await ZaloEmulator.start({ maxPollWaitMs: 50, ...options });
  cleanups.push(() => emulator.close());
  return { emulator, client: new ZaloClient({ token: emulator.token, apiRoot: emulator.url }) };
}

/** A bot's webhook endpoint on loopback that answers with the given statuses in turn (then 200). */
async function webhookServer(statuses: number[] = []): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo/webhook`, received };
}

async function post(emulator: ZaloEmulator, path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${emulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as unknown };
}

describe('ZaloEmulator webhook mode', () => {
  it.each(['wrapped', 'unwrapped'] as const)('should deliver a %s update with the secret header', async (webhookBody) => {
    const { emulator, client } = await start({ webhookBody });
    const hook = await webhookServer();
    await client.setWebhook({ url: hook.url, secret_token: 'my-secret-token' });
    const update = emulator.userSends({ userId: 'u1', text: 'qua webhook' });
    const [delivery] = await emulator.waitForWebhookDeliveries(1);
    expect(delivery).toMatchObject({ messageId: update.message.message_id, status: 200, ok: true, attempt: 1 });
    expect(hook.received[0]?.headers['x-bot-api-secret-token']).toBe('my-secret-token');
    const body = hook.received[0]?.body;
    expect(webhookBody === 'wrapped' ? body : { ok: true, result: body }).toEqual({ ok: true, result: update });
    expect(unwrapWebhookBody(body)).toEqual(update);
    expect(emulator.pendingUpdates).toBe(0);
  });

  it('should record a failing answer and retry when configured', async () => {
    const { emulator, client } = await start({ webhookRetries: 2 });
    const hook = await webhookServer([500, 403]);
    await client.setWebhook({ url: hook.url, secret_token: 'my-secret-token' });
    emulator.userSends({ userId: 'u1', text: 'thử lại' });
    const deliveries = await emulator.waitForWebhookDeliveries(3);
    expect(deliveries.map((d) => d.status)).toEqual([500, 403, 200]);
    expect(hook.received).toHaveLength(3);
  });

  it('should refuse to deliver to a non-loopback address', async () => {
    const { emulator, client } = await start();
    await client.setWebhook({ url: 'https://bot.example.org/hook', secret_token: 'my-secret-token' });
    emulator.userSends({ userId: 'u1', text: 'x' });
    const [delivery] = await emulator.waitForWebhookDeliveries(1);
    expect(delivery).toMatchObject({ ok: false, status: 0, error: expect.stringMatching(/loopback/) as unknown });
  });

  it('should queue updates for getUpdates again once the webhook is deleted', async () => {
    const { emulator, client } = await start();
    await client.setWebhook({ url: 'http://127.0.0.1:9/hook', secret_token: 'my-secret-token' });
    await client.deleteWebhook();
    emulator.userSends({ userId: 'u1', text: 'lại polling' });
    const { updates } = await client.getUpdates({ timeout: 0 });
    expect(updates[0]?.message.text).toBe('lại polling');
  });
});

describe('ZaloEmulator API behaviour', () => {
  it('should answer a wrong token with HTTP 401 and the platform envelope', async () => {
    const { emulator } = await start();
    expect(await post(emulator, '/bot1:wrong/getMe', {})).toEqual({ status: 401, json: { ok: false, error_code: 401, description: 'Unauthorized' } });
  });

  it('should answer an unknown method with 404', async () => {
    const { emulator } = await start();
    expect((await post(emulator, `/bot${emulator.token}/sendTeleport`, {})).status).toBe(404);
  });

  it.each([
    ['an empty text', { chat_id: 'u1', text: '' }],
    ['a text over 2000 characters', { chat_id: 'u1', text: 'a'.repeat(2001) }],
    ['a missing chat_id', { text: 'hi' }],
  ])('should refuse %s with 400', async (_name, body) => {
    const { emulator } = await start();
    const answer = await post(emulator, `/bot${emulator.token}/sendMessage`, body);
    expect(answer).toMatchObject({ status: 400, json: { ok: false, error_code: 400 } });
    expect(emulator.sent).toHaveLength(0);
  });

  it('should refuse a webhook secret outside 8-256 characters with 400', async () => {
    const { emulator } = await start();
    const answer = await post(emulator, `/bot${emulator.token}/setWebhook`, { url: 'https://e.org/h', secret_token: 'short' });
    expect(answer).toMatchObject({ status: 400, json: { ok: false, error_code: 400 } });
  });

  it('should answer 429 beyond the configured send rate', async () => {
    const { emulator, client } = await start({ sendRateLimitPerSecond: 2 });
    await client.sendMessage({ chat_id: 'u1', text: '1' });
    await client.sendMessage({ chat_id: 'u1', text: '2' });
    await expect(client.sendMessage({ chat_id: 'u1', text: '3' })).rejects.toMatchObject({ kind: 'throttled', errorCode: 429 });
    expect(emulator.state.throttled).toBe(1);
    expect(emulator.sent.map((m) => m.text)).toEqual(['1', '2']);
  });

  it('should give unique message ids and dates in milliseconds', async () => {
    const { emulator } = await start();
    const before = Date.now();
    const a = emulator.userSends({ userId: 'u1', text: 'a' });
    const b = emulator.userSendsSticker({ userId: 'u1', sticker: 's' });
    expect(a.message.message_id).not.toBe(b.message.message_id);
    expect(a.message.date).toBeGreaterThanOrEqual(before);
    expect(a.message.date).toBeLessThanOrEqual(Date.now());
  });

  it('should wait for sent messages by count and by predicate, and time out clearly', async () => {
    const { emulator, client } = await start();
    setTimeout(() => void client.sendMessage({ chat_id: 'u7', text: 'Đã nhận báo cáo' }), 10);
    expect((await emulator.waitForSent(1))[0]?.chatId).toBe('u7');
    expect(await emulator.waitForSent((m) => m.text.startsWith('Đã nhận'))).toHaveLength(1);
    expect(emulator.messagesTo('u7')).toHaveLength(1);
    await expect(emulator.waitForSent(2, 30)).rejects.toThrow(/timed out after 30 ms/);
  });

  it('should answer a parked long poll with 408 on close', async () => {
    const emulator = await ZaloEmulator.start({ maxPollWaitMs: 10_000 });
    const client = new ZaloClient({ token: emulator.token, apiRoot: emulator.url });
    const pending = client.getUpdates({ timeout: 30 });
    await emulator.waitForCalls('getUpdates', 1);
    await emulator.close();
    expect(await pending).toEqual({ updates: [], malformed: [] });
  });
});
