/**
 * Cases the Telegram fuzzing found, kept as plain examples: each body reaches the webhook with the
 * right secret and must be answered with 200 or 400 (never 500), leave no update pending, leave no
 * unhandled rejection behind, and let the bot start again on the same database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TelegramBotHarness } from '../../support/telegram-bot-harness.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { countUnhandledRejections } from './rejection-counter.ts';
import { expectEveryUpdateHandled } from './stack-checks.ts';
import { postWebhook } from './webhook-post.ts';

const tempDir = useTempDirs();
const rejections = countUnhandledRejections();
const SECRET = 'regression_secret_0123';
const NOW = new Date('2026-11-27T03:00:00Z');

let bot: TelegramBotHarness | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

async function startBot(): Promise<{ harness: TelegramBotHarness; send: (body: unknown) => Promise<number> }> {
  const harness = await TelegramBotHarness.start(tempDir(), { now: NOW, webhook: { url: (port) => `http://127.0.0.1:${port}/tg/hook`, secret: SECRET } });
  bot = harness;
  const url = harness.tg.webhook?.url ?? '';
  return { harness, send: (body) => postWebhook(url, typeof body === 'string' ? body : JSON.stringify(body), { 'x-telegram-bot-api-secret-token': SECRET }) };
}

describe('Telegram cases found by fuzzing', () => {
  it.each([
    ['a message without a chat', { message_id: 3 }],
    ['an array', [{ message_id: 3, chat: { id: 8101, type: 'private' } }]],
    ['a string', 'Câu 1/5'],
    ['a number', 42],
  ])('should answer a button press whose message is %s, and start again afterwards', async (_name, message) => {
    const { harness, send } = await startBot();
    const status = await send({ update_id: 501, callback_query: { id: 'q1', from: { id: 8101, is_bot: false, first_name: 'Lan' }, chat_instance: '1', data: 'c:1.1', message } });
    expect([200, 400]).toContain(status);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rejections.reasons).toEqual([]);
    await expectEveryUpdateHandled(harness.prisma);
    await harness.restart();
    expect(await harness.say(8102, 'xin chào')).toContain('chưa đăng ký');
  });

  it('should answer a body nested 10,000 levels deep with 200 or 400, not 500', async () => {
    const { send } = await startBot();
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const body = `{"update_id":502,"message":{"message_id":1,"date":1,"chat":{"id":8103,"type":"private"},"from":{"id":8103,"first_name":"A"},"text":"x","extra":${deep}}}`;
    expect([200, 400]).toContain(await send(body));
  });

  it('should register a sender whose language_code is not a string, instead of failing the update', async () => {
    const { harness, send } = await startBot();
    const update = { update_id: 503, message: { message_id: 1, date: 1, chat: { id: 8104, type: 'private' }, from: { id: 8104, is_bot: false, first_name: 'A', language_code: 5 }, text: 'xin chào' } };
    expect(await send(update)).toBe(200);
    const row = await harness.prisma.inboundUpdate.findFirstOrThrow({ where: { updateKey: '503' } });
    expect(row.status).toBe('done');
  });
});
