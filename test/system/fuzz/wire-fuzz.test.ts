/**
 * Fuzzing the webhook on the wire: requests of every shape (see generators/wire-shapes.ts) against the
 * whole Telegram bot with short HTTP limits. Each gets the answer its shape calls for, decided from
 * the headers where it can be, or is cut at its timeout; no connection is left behind; and after the
 * run `/healthz` answers, a plain delivery is handled, and every stored update was handled.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TelegramBotHarness } from '../../support/telegram-bot-harness.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { FUZZ_STACK_RUNS, fuzzParameters } from './generators/fuzz-config.ts';
import { expectedOutcome, wireShapes } from './generators/wire-shapes.ts';
import { countUnhandledRejections } from './rejection-counter.ts';
import { expectEveryUpdateHandled, inboundByStatus } from './stack-checks.ts';
import { postWebhook } from './webhook-post.ts';
import { playShape } from './wire-client.ts';

const tempDir = useTempDirs();
const rejections = countUnhandledRejections();
const SECRET = 'wire_fuzz_secret_0123456789';
const HEADERS_TIMEOUT_MS = 300;
const REQUEST_TIMEOUT_MS = 600;
const WIRE_RUNS = Math.max(40, Math.round(FUZZ_STACK_RUNS / 4));
const DECEMBER_3 = new Date('2026-12-03T03:00:00Z');

describe('Webhook wire fuzzing', () => {
  it(`should give ${WIRE_RUNS} requests of odd shapes the answer their headers call for, or cut them at the timeout, and keep serving`, async () => {
    const bot = await TelegramBotHarness.start(tempDir(), {
      now: DECEMBER_3,
      webhook: { url: (port) => `http://127.0.0.1:${port}/tg/wire`, secret: SECRET },
      env: { HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) },
    });
    try {
      const url = new URL(bot.tg.webhook?.url ?? '');
      const port = Number(url.port);
      let accepted = 0;
      const property = fc.asyncProperty(wireShapes([8001, 8002, 8003]), async (shape) => {
        const result = await playShape(port, url.pathname, SECRET, shape, REQUEST_TIMEOUT_MS * 4);
        const final = result.statuses.find((status) => status !== 100);
        const expected = expectedOutcome(shape);
        if (expected.kind === 'cut') {
          expect(result.closed).toBe(true);
          expect([undefined, 408]).toContain(final);
        } else {
          expect(final).toBe(expected.status);
          // Decided from the headers: no 100 Continue first, and the connection is not kept.
          if (expected.fromHeaders) expect(result.statuses[0]).toBe(expected.status);
          if (final === 200) accepted++;
        }
        await waitUntil(() => bot.http.openConnections === 0);
      });
      await fc.assert(property, fuzzParameters(WIRE_RUNS, { endOnFailure: true }));
      expect(accepted).toBeGreaterThan(WIRE_RUNS / 5);

      const health = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
      expect(health.status).toBe(200);
      const plain = JSON.stringify({ update_id: 1, message: { message_id: 1, date: 1_800_000_000, chat: { id: 8009, type: 'private' }, from: { id: 8009, is_bot: false, first_name: 'Lan' }, text: 'xin chào' } });
      expect(await postWebhook(url.href, plain, { 'x-telegram-bot-api-secret-token': SECRET })).toBe(200);
      await bot.channel.stop();
      await expectEveryUpdateHandled(bot.prisma);
      expect(Object.keys(await inboundByStatus(bot.prisma))).toEqual(['done']);
      expect(bot.logs.join('')).not.toContain('http handler failed');
      expect(rejections.reasons).toEqual([]);
    } finally {
      await bot.close();
    }
  }, 240_000);
});

async function waitUntil(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('connections still open after the case');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
