import { describe, expect, it } from 'vitest';
import { ZaloApiError } from '../../../src/channels/zalo/zalo-errors.ts';
import { backoffDelay, sleep, withRetry } from '../../../src/channels/zalo/zalo-retry.ts';

const apiError = (errorCode: number, retryAfterMs?: number): ZaloApiError =>
  new ZaloApiError({ method: 'sendMessage', errorCode, description: 'x', ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

describe('backoffDelay', () => {
  it('should grow exponentially with jitter between half and the full step', () => {
    expect(backoffDelay(1, { baseDelayMs: 100, random: () => 0 })).toBe(50);
    expect(backoffDelay(1, { baseDelayMs: 100, random: () => 0.999999 })).toBe(100);
    expect(backoffDelay(3, { baseDelayMs: 100, random: () => 0 })).toBe(200);
  });

  it('should never exceed the maximum, even for a huge attempt number', () => {
    expect(backoffDelay(1000, { baseDelayMs: 100, maxDelayMs: 5000, random: () => 0.99 })).toBeLessThanOrEqual(5000);
  });

  it('should honour a longer platform-given wait, capped by the maximum', () => {
    expect(backoffDelay(1, { baseDelayMs: 100, random: () => 0 }, 3000)).toBe(3000);
    expect(backoffDelay(1, { baseDelayMs: 100, maxDelayMs: 1000 }, 3000)).toBe(1000);
  });
});

describe('withRetry', () => {
  it('should retry throttled, server and network errors until success', async () => {
    const failures = [apiError(429), apiError(502), new ZaloApiError({ method: 'getMe', errorCode: 0, kind: 'network', description: 'reset' })];
    const delays: number[] = [];
    const result = await withRetry(
      async (attempt) => {
        const failure = failures.shift();
        if (failure !== undefined) throw failure;
        return attempt;
      },
      { attempts: 5, sleep: async (ms) => void delays.push(ms), random: () => 0 },
    );
    expect(result).toBe(4);
    expect(delays).toEqual([250, 500, 1000]);
  });

  it('should never retry a 401 or a non-API error', async () => {
    for (const error of [apiError(401), apiError(403), new Error('bug')]) {
      let calls = 0;
      await expect(
        withRetry(
          async () => {
            calls += 1;
            throw error;
          },
          { sleep: async () => undefined },
        ),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
    }
  });

  it('should give up after the allowed attempts and rethrow the last error', async () => {
    let calls = 0;
    const error = apiError(429);
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw error;
        },
        { attempts: 3, sleep: async () => undefined },
      ),
    ).rejects.toBe(error);
    expect(calls).toBe(3);
  });

  it('should pass a Retry-After wait to the sleep', async () => {
    const delays: number[] = [];
    let first = true;
    await withRetry(
      async () => {
        if (first) {
          first = false;
          throw apiError(429, 1500);
        }
      },
      { sleep: async (ms) => void delays.push(ms), baseDelayMs: 10 },
    );
    expect(delays).toEqual([1500]);
  });
});

describe('sleep', () => {
  it('should reject early when aborted', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
