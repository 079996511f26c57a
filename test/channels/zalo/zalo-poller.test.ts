import { afterEach, describe, expect, it } from 'vitest';
import { ZaloClient } from '../../../src/channels/zalo/zalo-client.ts';
import { ZaloApiError, ZaloUpdateParseError } from '../../../src/channels/zalo/zalo-errors.ts';
import { ZaloPoller, type ZaloPollerErrorSource, type ZaloPollerOptions } from '../../../src/channels/zalo/zalo-poller.ts';
import type { ZaloUpdate } from '../../../src/channels/zalo/zalo-types.ts';
import { ZaloEmulator, type ZaloEmulatorOptions } from '../../support/zalo-emulator.ts';

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Harness {
  emulator: ZaloEmulator;
  poller: ZaloPoller;
  handled: ZaloUpdate[];
  errors: Array<{ error: unknown; source: ZaloPollerErrorSource }>;
  fatal: ZaloApiError[];
  /** Resolves once `count` updates were handled. */
  handledCount: (count: number) => Promise<void>;
}

async function harness(
  options: { emulator?: ZaloEmulatorOptions; token?: string; poller?: Partial<ZaloPollerOptions> } = {},
): Promise<Harness> {
  const emulator = await ZaloEmulator.start({ maxPollWaitMs: 50, ...options.emulator });
  const client = new ZaloClient({ token: options.token ?? emulator.token, apiRoot: emulator.url, timeoutMs: 2000 });
  const handled: ZaloUpdate[] = [];
  const errors: Harness['errors'] = [];
  const fatal: ZaloApiError[] = [];
  const poller = new ZaloPoller({
    client,
    pollTimeoutSeconds: 1,
    backoff: { baseDelayMs: 1, maxDelayMs: 5 },
    onUpdate: async (update) => void handled.push(update),
    onError: (error, source) => void errors.push({ error, source }),
    onFatal: (error) => void fatal.push(error),
    ...options.poller,
  });
  cleanups.push(async () => {
    await poller.stop();
    await emulator.close();
  });
  const handledCount = async (count: number): Promise<void> => {
    for (let i = 0; i < 200 && handled.length < count; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(handled.length).toBeGreaterThanOrEqual(count);
  };
  return { emulator, poller, handled, errors, fatal, handledCount };
}

describe('ZaloPoller', () => {
  it('should hand updates to the handler in order, one at a time', async () => {
    let active = 0;
    let maxActive = 0;
    const order: string[] = [];
    const h = await harness({
      poller: {
        onUpdate: async (update) => {
          active += 1;
          maxActive = Math.max(maxActive, active);
          await new Promise((r) => setTimeout(r, 5));
          order.push(update.message.text ?? '');
          active -= 1;
        },
      },
    });
    for (const text of ['1', '2', '3', '4']) h.emulator.userSends({ userId: 'u1', text });
    void h.poller.start();
    for (let i = 0; i < 200 && order.length < 4; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['1', '2', '3', '4']);
    expect(maxActive).toBe(1);
  });

  it.each([200, 408] as const)('should poll again after empty answers with HTTP %i', async (status) => {
    const h = await harness({ emulator: { maxPollWaitMs: 10, emptyPollHttpStatus: status } });
    void h.poller.start();
    await h.emulator.waitForCalls('getUpdates', 4);
    h.emulator.userSends({ userId: 'u1', text: 'sau khi chờ' });
    await h.handledCount(1);
    expect(h.errors).toEqual([]);
  });

  it('should back off and keep going after 429, 500 and network failures', async () => {
    const h = await harness();
    h.emulator.failNext('getUpdates', { status: 429 });
    h.emulator.failNext('getUpdates', { status: 500 });
    h.emulator.failNext('getUpdates', { drop: true });
    h.emulator.userSends({ userId: 'u1', text: 'vẫn tới' });
    void h.poller.start();
    await h.handledCount(1);
    expect(h.errors.map((e) => (e.error as ZaloApiError).kind)).toEqual(['throttled', 'server', 'network']);
    expect(h.errors.every((e) => e.source === 'poll')).toBe(true);
    expect(h.poller.stats.failures).toBe(3);
  });

  it('should report a handler error and keep polling, giving a redelivery another chance', async () => {
    let calls = 0;
    const handled: string[] = [];
    const h = await harness({
      poller: {
        onUpdate: async (update) => {
          calls += 1;
          if (calls === 1) throw new Error('database busy');
          handled.push(update.message.text ?? '');
        },
      },
    });
    const failed = h.emulator.userSends({ userId: 'u1', text: 'lỗi' });
    h.emulator.userSends({ userId: 'u2', text: 'ổn' });
    h.emulator.redeliver(failed.message.message_id);
    void h.poller.start();
    for (let i = 0; i < 200 && handled.length < 2; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(handled).toEqual(['ổn', 'lỗi']);
    expect(h.errors).toMatchObject([{ source: 'handler' }]);
    expect((h.errors[0]?.error as Error).message).toBe('database busy');
  });

  it('should report a malformed update and keep polling', async () => {
    const h = await harness();
    h.emulator.injectRawUpdate({ event_name: 'message.text.received', message: { message_id: 'x' } });
    h.emulator.userSends({ userId: 'u1', text: 'hợp lệ' });
    void h.poller.start();
    await h.handledCount(1);
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]?.source).toBe('malformed_update');
    expect(h.errors[0]?.error).toBeInstanceOf(ZaloUpdateParseError);
  });

  it('should stop on 401 and report a fatal error that names no token', async () => {
    const token = '4242:Wrong-Secret-Token';
    const h = await harness({ token });
    await h.poller.start();
    expect(h.poller.running).toBe(false);
    expect(h.fatal).toHaveLength(1);
    expect(h.fatal[0]?.kind).toBe('unauthorized');
    expect(h.fatal[0]?.message).toMatch(/token/);
    expect(h.fatal[0]?.message).not.toContain(token);
    expect(h.fatal[0]?.stack).not.toContain('Wrong-Secret-Token');
    expect(h.errors).toEqual([]);
  });

  it('should cancel a parked long poll on stop without losing the next update', async () => {
    const h = await harness({ emulator: { maxPollWaitMs: 10_000 } });
    void h.poller.start();
    await h.emulator.waitForCalls('getUpdates', 1);
    const started = Date.now();
    await h.poller.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(h.poller.running).toBe(false);
    for (let i = 0; i < 100 && h.emulator.parkedPolls > 0; i += 1) await new Promise((r) => setTimeout(r, 5));
    expect(h.emulator.parkedPolls).toBe(0);
    h.emulator.userSends({ userId: 'u1', text: 'sau khi dừng' });
    expect(h.emulator.pendingUpdates).toBe(1);
    expect(h.errors).toEqual([]);
  });

  it('should stop promptly while backing off', async () => {
    const h = await harness({ poller: { backoff: { baseDelayMs: 60_000, maxDelayMs: 60_000 } } });
    h.emulator.failNext('getUpdates', { status: 503 });
    void h.poller.start();
    for (let i = 0; i < 200 && h.errors.length === 0; i += 1) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await h.poller.stop();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('should refuse a long-poll timeout the platform would not accept', () => {
    const client = new ZaloClient({ token: '1:a' });
    expect(() => new ZaloPoller({ client, onUpdate: async () => undefined, pollTimeoutSeconds: 1.5 })).toThrow(RangeError);
  });

  it('should be restartable after stop', async () => {
    const h = await harness();
    void h.poller.start();
    await h.poller.stop();
    h.emulator.userSends({ userId: 'u1', text: 'lần hai' });
    void h.poller.start();
    await h.handledCount(1);
  });
});
