/**
 * Property-based fuzzing of the Telegram side: odd, truncated, wrongly typed, huge and malicious
 * updates through the adapter and the dialog engine (the pure path, FUZZ_RUNS cases), then a slice
 * of them POSTed over real HTTP to the webhook of the whole bot on a real SQLite file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toInboundMessage } from '../../../src/channels/telegram/telegram-updates.ts';
import type { DialogInput } from '../../../src/dialog/engine.ts';
import { TelegramBotHarness } from '../../support/telegram-bot-harness.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { dialogStarts, runDialog } from './dialog-driver.ts';
import { FUZZ_RUNS, FUZZ_STACK_RUNS, fuzzParameters } from './generators/fuzz-config.ts';
import { telegramBody } from './generators/telegram-updates.ts';
import { parseBody } from './parse-body.ts';
import { countUnhandledRejections } from './rejection-counter.ts';
import { checkTelegramRendering } from './render-checks.ts';
import { expectEveryStateLoads, expectEveryUpdateHandled, inboundByStatus } from './stack-checks.ts';
import { ALLOWED_WEBHOOK_STATUSES, postWebhook } from './webhook-post.ts';

const tempDir = useTempDirs();
const rejections = countUnhandledRejections();
const REGISTERED = [5001, 5002, 5003, 5004, 5005];
const USERS = [...REGISTERED, 6001, 6002];
const DECEMBER_3 = new Date('2026-12-03T03:00:00Z'); // weekly W49, monthly 2026-11 and yearly 2026 are all open
const SECRET = 'fuzz_webhook_secret_0123456789';
const STATUS_TITLES = /Tình hình báo cáo|Reporting status/;

describe('Telegram fuzzing', () => {
  it(`should map ${FUZZ_RUNS} odd updates and step a reporter's dialog without a throw, every state still loading`, () => {
    const starts = dialogStarts();
    const property = fc.property(fc.constantFrom(...starts), fc.array(telegramBody(USERS, { oversize: false }), { minLength: 1, maxLength: 2 }), (start, bodies) => {
      const inputs: DialogInput[] = [];
      for (const raw of bodies) {
        const message = toInboundMessage(parseBody(raw), 'fuzz');
        if (message === null) continue;
        expect(message.identity.channel).toBe('telegram');
        expect(typeof message.identity.userId).toBe('string');
        expect(typeof message.identity.chatId).toBe('string');
        expect(typeof message.platformMessageId).toBe('string');
        if (message.input.kind !== 'unsupported') inputs.push(message.input);
      }
      runDialog(start, inputs, checkTelegramRendering);
    });
    fc.assert(property, fuzzParameters(FUZZ_RUNS));
    expect(rejections.reasons).toEqual([]);
  }, 180_000);

  it(`should answer ${FUZZ_STACK_RUNS} odd webhook bodies over HTTP with 200, 400, 401 or 413, and keep answering`, async () => {
    const bot = await TelegramBotHarness.start(tempDir(), { now: DECEMBER_3, webhook: { url: (port) => `http://127.0.0.1:${port}/tg/fuzz`, secret: SECRET } });
    try {
      for (const [index, userId] of REGISTERED.entries()) {
        const code = await bot.invite('STP', 'reporter');
        expect(await bot.say(userId, `/start ${code}`)).toContain('Chào mừng');
        // Idle, choosing a period, and in the middle of the weekly, monthly and yearly reports.
        const steps = [[], ['/baocao'], ['/baocao', '1'], ['/baocao', '2', '3'], ['/baocao', '3', '5', '3']][index] ?? [];
        for (const text of steps) await bot.say(userId, text);
      }
      const url = bot.tg.webhook?.url ?? '';
      const secretHeader = fc.oneof(
        { arbitrary: fc.constant<string | null>(SECRET), weight: 19 },
        { arbitrary: fc.constantFrom<string | null>(null, '', 'wrong', `${SECRET}x`, SECRET.toUpperCase(), SECRET.slice(1)), weight: 1 },
      );
      const property = fc.asyncProperty(telegramBody(USERS, { oversize: true }), secretHeader, async (raw, secret) => {
        const headers: Record<string, string> = secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret };
        const status = await postWebhook(url, raw.body, headers);
        // The secret is checked first, on the headers: a stranger learns nothing, not even the size limit.
        if (secret !== SECRET) expect(status).toBe(401);
        else if (raw.kind === 'oversize') expect(status).toBe(413);
        else expect(ALLOWED_WEBHOOK_STATUSES).toContain(status);
      });
      await fc.assert(property, fuzzParameters(FUZZ_STACK_RUNS, { endOnFailure: true }));
      await bot.channel.stop();
      expect(await expectEveryStateLoads(bot.prisma)).toBeGreaterThanOrEqual(4);
      await expectEveryUpdateHandled(bot.prisma);
      const handled = await inboundByStatus(bot.prisma);
      expect(Object.keys(handled)).toEqual(['done']);
      // The slice must reach the dialog, not only bounce off the door.
      expect(handled.done ?? 0).toBeGreaterThan(FUZZ_STACK_RUNS / 5);
      await bot.restart();
      for (const userId of REGISTERED) expect(await bot.say(userId, '/trangthai')).toMatch(STATUS_TITLES);
      expect(rejections.reasons).toEqual([]);
    } finally {
      await bot.close();
    }
  }, 240_000);
});
