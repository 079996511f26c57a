import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZaloClient } from '../../../src/channels/zalo/zalo-client.ts';
import { ZaloApiError, ZaloUpdateParseError, ZaloValidationError } from '../../../src/channels/zalo/zalo-errors.ts';
import { ZaloEmulator } from '../../support/zalo-emulator.ts';

let emulator: ZaloEmulator;
let client: ZaloClient;

beforeEach(async () => {
  emulator = await ZaloEmulator.start({ maxPollWaitMs: 100 });
  client = new ZaloClient({ token: emulator.token, apiRoot: emulator.url, timeoutMs: 2000 });
});

afterEach(async () => {
  await emulator.close();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('ZaloClient against the emulator', () => {
  it('should return the bot account from getMe', async () => {
    const me = await client.getMe();
    expect(me.id).toBe('1234567890');
    expect(me.account_name).toBe('bot.emulator');
  });

  it('should send a text and return its message id', async () => {
    const sent = await client.sendMessage({ chat_id: 'user-1', text: 'Xin chào' });
    expect(sent.message_id).not.toBe('');
    expect(typeof sent.date).toBe('number');
    expect(emulator.messagesTo('user-1').map((m) => m.text)).toEqual(['Xin chào']);
  });

  it('should send a photo with a caption and a typing action', async () => {
    await client.sendPhoto({ chat_id: 'user-1', photo: 'https://example.org/chart.png', caption: 'Biểu đồ' });
    await client.sendChatAction({ chat_id: 'user-1', action: 'typing' });
    expect(emulator.state.photos).toMatchObject([{ chatId: 'user-1', photo: 'https://example.org/chart.png', caption: 'Biểu đồ' }]);
    expect(emulator.state.chatActions).toMatchObject([{ chatId: 'user-1', action: 'typing' }]);
  });

  it('should set, read and delete a webhook', async () => {
    await client.setWebhook({ url: 'http://127.0.0.1:9/hook', secret_token: 'secret-123' });
    expect((await client.getWebhookInfo()).url).toBe('http://127.0.0.1:9/hook');
    await client.deleteWebhook();
    expect((await client.getWebhookInfo()).url).toBe('');
  });

  it('should refuse a webhook secret outside 8-256 characters before sending', async () => {
    for (const secret of ['short', 'x'.repeat(257)]) {
      const error = await rejection(client.setWebhook({ url: 'https://example.org/hook', secret_token: secret }));
      expect(error).toBeInstanceOf(ZaloValidationError);
      expect((error as ZaloValidationError).code).toBe('secret_token_length');
    }
    expect(emulator.calls).toHaveLength(0);
  });

  it('should send the long-poll timeout as a string', async () => {
    await client.getUpdates({ timeout: 1 });
    expect(emulator.calls[0]?.body).toEqual({ timeout: '1' });
  });

  it('should return each kind of queued update, parsed', async () => {
    emulator.userSends({ userId: 'u1', text: 'báo cáo', displayName: 'Anh Minh' });
    emulator.userSendsPhoto({ userId: 'u1', photo: 'https://example.org/a.jpg', caption: 'ảnh' });
    emulator.userSendsSticker({ userId: 'u1', sticker: 'stk-1' });
    emulator.userSendsUnsupported({ userId: 'u1' });
    const events: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const { updates } = await client.getUpdates({ timeout: 1 });
      events.push(updates[0]?.event_name ?? 'none');
      if (i === 0) expect(updates[0]?.message).toMatchObject({ text: 'báo cáo', from: { id: 'u1', display_name: 'Anh Minh' }, chat: { id: 'u1', chat_type: 'PRIVATE' } });
    }
    expect(events).toEqual(['message.text.received', 'message.image.received', 'message.sticker.received', 'message.unsupported.received']);
  });

  it.each([200, 408] as const)('should read an empty poll answered with HTTP %i as no update', async (status) => {
    const other = await ZaloEmulator.start({ maxPollWaitMs: 30, emptyPollHttpStatus: status });
    try {
      const empty = new ZaloClient({ token: other.token, apiRoot: other.url });
      expect(await empty.getUpdates({ timeout: 5 })).toEqual({ updates: [], malformed: [] });
    } finally {
      await other.close();
    }
  });

  it('should keep every update of an array answer and report malformed ones', async () => {
    const a = emulator.userSends({ userId: 'u1', text: 'one' });
    const b = emulator.userSends({ userId: 'u1', text: 'two' });
    await client.getUpdates({ timeout: 0 });
    await client.getUpdates({ timeout: 0 });
    emulator.injectRawUpdate([a, { event_name: 'message.text.received' }, b]);
    const poll = await client.getUpdates({ timeout: 0 });
    expect(poll.updates.map((u) => u.message.text)).toEqual(['one', 'two']);
    expect(poll.malformed).toHaveLength(1);
    expect(poll.malformed[0]).toBeInstanceOf(ZaloUpdateParseError);
  });

  it('should fail with kind conflict when polling while a webhook is set', async () => {
    await client.setWebhook({ url: 'http://127.0.0.1:9/hook', secret_token: 'secret-123' });
    const error = await rejection(client.getUpdates({ timeout: 0 }));
    expect(error).toMatchObject({ kind: 'conflict', errorCode: 409, retryable: false });
  });

  it('should refuse texts over 2000 characters and empty texts locally', async () => {
    const long = await rejection(client.sendMessage({ chat_id: 'u1', text: 'a'.repeat(2001) }));
    const empty = await rejection(client.sendMessage({ chat_id: 'u1', text: '' }));
    expect(long).toMatchObject({ name: 'ZaloValidationError', code: 'text_too_long', retryable: false });
    expect(empty).toMatchObject({ code: 'text_empty' });
    await client.sendMessage({ chat_id: 'u1', text: 'a'.repeat(2000) });
    expect(emulator.calls.map((c) => c.method)).toEqual(['sendMessage']);
  });

  it('should refuse a caption over 2000 characters and a photo that is not a URL', async () => {
    expect(await rejection(client.sendPhoto({ chat_id: 'u1', photo: 'https://e.org/p.png', caption: 'c'.repeat(2001) }))).toMatchObject({ code: 'caption_too_long' });
    expect(await rejection(client.sendPhoto({ chat_id: 'u1', photo: 'not a url' }))).toMatchObject({ code: 'photo_url_invalid' });
    expect(emulator.calls).toHaveLength(0);
  });
});

describe('ZaloClient errors', () => {
  it('should report a wrong token as unauthorized without revealing it', async () => {
    const token = '987654321:Very-Secret-Value_xyz';
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests += 1;
      return fetch(input, init);
    };
    const wrong = new ZaloClient({ token, apiRoot: emulator.url, fetch: counting, retry: { sleep: async () => undefined } });
    const error = await rejection(wrong.sendMessage({ chat_id: 'u1', text: 'hi' }));
    expect(error).toBeInstanceOf(ZaloApiError);
    const apiError = error as ZaloApiError;
    expect(apiError).toMatchObject({ kind: 'unauthorized', errorCode: 401, retryable: false });
    expect(apiError.message).toMatch(/token/);
    for (const text of [apiError.message, apiError.stack ?? '', apiError.description, inspect(apiError), JSON.stringify(apiError), inspect(wrong)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain('Very-Secret-Value_xyz');
    }
    expect(requests).toBe(1);
    expect(emulator.sent).toHaveLength(0);
  });

  it('should refuse an empty token or a malformed apiRoot at construction', () => {
    expect(() => new ZaloClient({ token: ' ' })).toThrow(/token is empty/);
    expect(() => new ZaloClient({ token: '1:abc-Secret', apiRoot: 'not a url' })).toThrow(/apiRoot/);
  });

  it('should redact a token the platform echoes back in a description', async () => {
    const token = '55:echoed-Secret';
    const fakeFetch: typeof fetch = async () =>
      new Response(JSON.stringify({ ok: false, error_code: 400, description: `bad call https://h/bot${token}/sendMessage and ${token}` }), { status: 400 });
    const error = await rejection(new ZaloClient({ token, fetch: fakeFetch }).getMe());
    expect((error as ZaloApiError).message).not.toContain('echoed-Secret');
    expect((error as ZaloApiError).description).toContain('/bot<redacted>');
  });

  it('should map statuses to kinds and retryability', async () => {
    const cases = [
      [400, 'bad_request', false],
      [403, 'forbidden', false],
      [404, 'not_found', false],
      [429, 'throttled', true],
      [500, 'server', true],
      [503, 'server', true],
    ] as const;
    for (const [status, kind, retryable] of cases) {
      emulator.failNext('getMe', { status, description: `status ${status}` });
      expect(await rejection(client.getMe())).toMatchObject({ errorCode: status, kind, retryable, httpStatus: status });
    }
  });

  it('should read a non-JSON answer as an error of its HTTP status', async () => {
    const fakeFetch: typeof fetch = async () => new Response('<html>Bad Gateway</html>', { status: 502 });
    const error = await rejection(new ZaloClient({ token: '1:a', fetch: fakeFetch }).getMe());
    expect(error).toMatchObject({ kind: 'server', errorCode: 502, retryable: true });
  });

  it('should report a dropped connection as a retryable network error', async () => {
    emulator.failNext('getMe', { drop: true });
    expect(await rejection(client.getMe())).toMatchObject({ kind: 'network', retryable: true, errorCode: 0 });
  });

  it('should report an unreachable host as a network error without the token', async () => {
    const closed = await ZaloEmulator.start();
    const url = closed.url;
    await closed.close();
    const error = await rejection(new ZaloClient({ token: closed.token, apiRoot: url }).getMe());
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect(String((error as Error).stack)).not.toContain(closed.token);
  });

  it('should time out a call that gets no answer', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const error = await rejection(new ZaloClient({ token: '1:a', fetch: hanging, timeoutMs: 30 }).getMe());
    expect(error).toMatchObject({ kind: 'network', retryable: true });
    expect((error as Error).message).toMatch(/no answer within 30 ms/);
  });

  it('should fail with kind aborted when the caller cancels', async () => {
    const controller = new AbortController();
    const pending = client.getUpdates({ timeout: 30 }, { signal: controller.signal });
    await emulator.waitForCalls('getUpdates', 1);
    controller.abort();
    expect(await rejection(pending)).toMatchObject({ kind: 'aborted', retryable: false });
  });
});

describe('ZaloClient retry option', () => {
  it('should retry 429 and 500 then succeed', async () => {
    const delays: number[] = [];
    const retrying = new ZaloClient({
      token: emulator.token,
      apiRoot: emulator.url,
      retry: { attempts: 4, baseDelayMs: 10, sleep: async (ms) => void delays.push(ms) },
    });
    emulator.failNext('sendMessage', { status: 429 });
    emulator.failNext('sendMessage', { status: 500 });
    await retrying.sendMessage({ chat_id: 'u1', text: 'ok' });
    expect(delays).toHaveLength(2);
    expect(emulator.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(3);
    expect(emulator.sent).toHaveLength(1);
  });

  it('should not retry a 400', async () => {
    const retrying = new ZaloClient({ token: emulator.token, apiRoot: emulator.url, retry: { sleep: async () => undefined } });
    emulator.failNext('sendMessage', { status: 400, description: 'Bad Request: chat not found' });
    expect(await rejection(retrying.sendMessage({ chat_id: 'u1', text: 'x' }))).toMatchObject({ kind: 'bad_request' });
    expect(emulator.calls).toHaveLength(1);
  });
});
