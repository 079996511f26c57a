/**
 * Property-based fuzzing of the Zalo side: odd, truncated, wrongly typed, huge and malicious events
 * through the adapter and the dialog engine (the pure path, FUZZ_RUNS cases), then a slice of them
 * POSTed over real HTTP to the webhook of the whole bot on a real SQLite file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrapWebhookBody } from '../../../src/channels/zalo/zalo-types.ts';
import { toInboundMessage } from '../../../src/channels/zalo/zalo-updates.ts';
import type { DialogInput } from '../../../src/dialog/engine.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { instantWhenOpen, WEBHOOK_SECRET, ZaloBotHarness } from '../../support/zalo-bot-harness.ts';
import { dialogStarts, runDialog } from './dialog-driver.ts';
import { FUZZ_RUNS, FUZZ_STACK_RUNS, fuzzParameters } from './generators/fuzz-config.ts';
import { zaloBody } from './generators/zalo-events.ts';
import { parseBody } from './parse-body.ts';
import { countUnhandledRejections } from './rejection-counter.ts';
import { checkZaloRendering } from './render-checks.ts';
import { expectEveryStateLoads, expectEveryUpdateHandled, inboundByStatus } from './stack-checks.ts';
import { ALLOWED_WEBHOOK_STATUSES, postWebhook } from './webhook-post.ts';

const tempDir = useTempDirs();
const rejections = countUnhandledRejections();
const REGISTERED = ['z1', 'z2', 'z3', 'z4'];
const USERS = [...REGISTERED, 'zu1', 'zu2'];
const STATUS_TITLES = /Tình hình báo cáo|Reporting status/;

describe('Zalo fuzzing', () => {
  it(`should map ${FUZZ_RUNS} odd events and step a reporter's dialog without a throw, every state still loading`, () => {
    const starts = dialogStarts();
    const property = fc.property(fc.constantFrom(...starts), fc.array(zaloBody(USERS, { oversize: false }), { minLength: 1, maxLength: 2 }), (start, bodies) => {
      const inputs: DialogInput[] = [];
      for (const raw of bodies) {
        const parsed = parseBody(raw);
        // Polling hands the adapter whatever `result` held; the webhook unwraps the body first.
        toInboundMessage(parsed, 'fuzz');
        const update = unwrapWebhookBody(parsed);
        const message = update === null ? null : toInboundMessage(update, 'fuzz');
        if (message === null) continue;
        expect(message.identity.channel).toBe('zalo');
        expect(typeof message.identity.userId).toBe('string');
        expect(typeof message.identity.chatId).toBe('string');
        expect(typeof message.updateKey).toBe('string');
        expect(typeof message.platformMessageId).toBe('string');
        if (message.input.kind !== 'unsupported') inputs.push(message.input);
      }
      runDialog(start, inputs, checkZaloRendering);
    });
    fc.assert(property, fuzzParameters(FUZZ_RUNS));
    expect(rejections.reasons).toEqual([]);
  }, 180_000);

  it(`should answer ${FUZZ_STACK_RUNS} odd webhook bodies over HTTP with 200, 400, 401 or 413, and keep answering`, async () => {
    let bot = await ZaloBotHarness.start(tempDir(), { now: instantWhenOpen('monthly_figures', '2026-11'), webhook: true });
    try {
      for (const [index, userId] of REGISTERED.entries()) {
        await bot.register(userId);
        // Idle, choosing a period (or on the first question), and further into a report.
        const steps = [[], ['/baocao'], ['/baocao', '1', '2'], ['/baocao', '2', '3', '1']][index] ?? [];
        for (const text of steps) await bot.ask(userId, text);
      }
      const url = bot.webhookUrl ?? '';
      const secretHeader = fc.oneof(
        { arbitrary: fc.constant<string | null>(WEBHOOK_SECRET), weight: 19 },
        { arbitrary: fc.constantFrom<string | null>(null, '', 'wrong-secret', `${WEBHOOK_SECRET}x`, WEBHOOK_SECRET.toUpperCase(), WEBHOOK_SECRET.slice(1)), weight: 1 },
      );
      const property = fc.asyncProperty(zaloBody(USERS, { oversize: true }), secretHeader, async (raw, secret) => {
        const headers: Record<string, string> = secret === null ? {} : { 'x-bot-api-secret-token': secret };
        const status = await postWebhook(url, raw.body, headers);
        // The secret is checked first, on the headers: a stranger learns nothing, not even the size limit.
        if (secret !== WEBHOOK_SECRET) expect(status).toBe(401);
        else if (raw.kind === 'oversize') expect(status).toBe(413);
        else expect(ALLOWED_WEBHOOK_STATUSES).toContain(status);
      });
      await fc.assert(property, fuzzParameters(FUZZ_STACK_RUNS, { endOnFailure: true }));
      await bot.channel.settled();
      expect(await expectEveryStateLoads(bot.prisma)).toBeGreaterThanOrEqual(3);
      // Any failure is in the log with its cause: show it rather than only the failed update.
      expect(bot.logs.lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
      await expectEveryUpdateHandled(bot.prisma);
      const handled = await inboundByStatus(bot.prisma);
      expect(Object.keys(handled)).toEqual(['done']);
      // The slice must reach the dialog, not only bounce off the door.
      expect(handled.done ?? 0).toBeGreaterThan(FUZZ_STACK_RUNS / 5);
      bot = await bot.restart();
      for (const userId of REGISTERED) expect(await bot.ask(userId, '/trangthai')).toMatch(STATUS_TITLES);
      expect(rejections.reasons).toEqual([]);
    } finally {
      await bot.close();
    }
  }, 240_000);
});
