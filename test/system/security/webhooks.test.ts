/**
 * The webhook routes of both channels, attacked over real HTTP: a wrong or missing secret is refused
 * with 401 and nothing is stored or answered, from the headers alone, before a byte of the body is
 * sent; malformed JSON gets 400; a body over 1 MB gets 413, whether its size is declared or streamed;
 * an update delivered twice is handled once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../src/http/http-server.ts';
import { loadDialogState } from '../../../src/dialog/dialog-state.ts';
import type { PrismaClient } from '../../../src/storage/database.ts';
import { RawHttpClient, requestHead } from '../../support/raw-http-client.ts';
import { TelegramBotHarness } from '../../support/telegram-bot-harness.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { instantWhenOpen, WEBHOOK_SECRET, ZaloBotHarness } from '../../support/zalo-bot-harness.ts';
import { ZaloUpdateFactory } from '../../support/zalo-update-factory.ts';

const tempDir = useTempDirs();
const FRIDAY_W48 = new Date('2026-11-27T03:00:00Z'); // 10:00 in Hanoi: only the weekly report of week 48 is open
const TG_SECRET = 'security_suite_secret_42';
const TG_HEADER = 'x-telegram-bot-api-secret-token';
const ZALO_HEADER = 'x-bot-api-secret-token';
const MALFORMED = ['{"update_id": 1, "message":', 'not json', '', '{"ok": true, "result": ', '[1, 2]', '"text"', 'null', '{}'];

let closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

/** POSTs `body` with the given headers; answers the status. */
async function post(url: string, body: string | Buffer, headers: Record<string, string>): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  return response.status;
}

/** POSTs more than 1 MB without declaring its length (chunked), as a client that streams would. */
async function postStreamed(url: string, headers: Record<string, string>): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 0x78);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent > MAX_BODY_BYTES + chunk.length) controller.close();
      else {
        sent += chunk.length;
        controller.enqueue(chunk);
      }
    },
  });
  const init = { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half', signal: AbortSignal.timeout(10_000) };
  const response = await fetch(url, init as RequestInit);
  await response.arrayBuffer();
  return response.status;
}

/**
 * Sends only the headers of a POST announcing a 20 MB body and waits for the answer: the statuses, and
 * how soon the server hung up (it must not wait for the body).
 */
async function postHeadersOnly(url: string, headers: Record<string, string>): Promise<{ statuses: number[]; closedMs: number }> {
  const { port, pathname } = new URL(url);
  const client = await RawHttpClient.connect(Number(port));
  client.write(requestHead('POST', pathname, { 'content-type': 'application/json', 'content-length': 20_000_000, ...headers }));
  const closedMs = await Promise.race([client.closed, new Promise<number>((resolve) => setTimeout(() => resolve(Number.POSITIVE_INFINITY), 3_000))]);
  client.destroy();
  return { statuses: client.statuses, closedMs };
}

/** The saved dialog state of the contact behind a channel identity. */
async function stateOf(prisma: PrismaClient, channel: string, userId: string) {
  const identity = await prisma.channelIdentity.findUniqueOrThrow({ where: { channel_userId: { channel, userId } } });
  const row = await prisma.dialogState.findUnique({ where: { contactId: identity.contactId } });
  return loadDialogState(row?.state);
}

describe('Telegram webhook security', () => {
  async function startBot(): Promise<{ bot: TelegramBotHarness; url: string }> {
    const bot = await TelegramBotHarness.start(tempDir(), { now: FRIDAY_W48, webhook: { url: (port) => `http://127.0.0.1:${port}/telegram/hook`, secret: TG_SECRET } });
    closers.push(() => bot.close());
    return { bot, url: bot.tg.webhook?.url ?? '' };
  }

  function textUpdate(updateId: number, userId: number, text: string): string {
    return JSON.stringify({ update_id: updateId, message: { message_id: updateId, date: 1_800_000_000, chat: { id: userId, type: 'private' }, from: { id: userId, is_bot: false, first_name: 'Lan' }, text } });
  }

  it('should refuse a wrong or missing secret with 401, storing and answering nothing', async () => {
    const { bot, url } = await startBot();
    const body = textUpdate(101, 7101, '/start');
    for (const headers of <Array<Record<string, string>>>[{}, { [TG_HEADER]: '' }, { [TG_HEADER]: 'wrong' }, { [TG_HEADER]: TG_SECRET.slice(0, -1) }, { [TG_HEADER]: `${TG_SECRET}0` }, { 'x-bot-api-secret-token': TG_SECRET }]) {
      expect(await post(url, body, headers)).toBe(401);
    }
    expect(await bot.prisma.inboundUpdate.count()).toBe(0);
    expect(bot.tg.calls.filter((call) => call.method === 'sendMessage')).toHaveLength(0);
    expect(await post(url, body, { [TG_HEADER]: TG_SECRET })).toBe(200);
    expect(await bot.prisma.inboundUpdate.count()).toBe(1);
    expect(bot.tg.calls.filter((call) => call.method === 'sendMessage')).toHaveLength(1);
  });

  it('should answer a wrong secret with 401 before any byte of a large announced body is sent, and hang up', async () => {
    const { bot, url } = await startBot();
    for (const headers of <Array<Record<string, string>>>[{}, { [TG_HEADER]: 'wrong' }, { [TG_HEADER]: 'wrong', expect: '100-continue' }]) {
      const answer = await postHeadersOnly(url, headers);
      expect(answer.statuses).toEqual([401]);
      expect(answer.closedMs).toBeLessThan(2_000);
    }
    expect(await bot.prisma.inboundUpdate.count()).toBe(0);
  });

  it('should answer malformed JSON with 400 and store nothing', async () => {
    const { bot, url } = await startBot();
    for (const body of [...MALFORMED, '{"update_id": "7", "message": {}}', '{"update_id": 1.5}']) expect(await post(url, body, { [TG_HEADER]: TG_SECRET })).toBe(400);
    expect(await post(url, Buffer.from([0xff, 0xfe, 0x7b, 0x00]), { [TG_HEADER]: TG_SECRET })).toBe(400);
    expect(await bot.prisma.inboundUpdate.count()).toBe(0);
  });

  it('should refuse a body over 1 MB with 413, whether its length is declared or streamed', async () => {
    const { bot, url } = await startBot();
    expect(await post(url, `{"update_id":1,"pad":"${'x'.repeat(MAX_BODY_BYTES)}"}`, { [TG_HEADER]: TG_SECRET })).toBe(413);
    expect(await postStreamed(url, { [TG_HEADER]: TG_SECRET })).toBe(413);
    expect(await bot.prisma.inboundUpdate.count()).toBe(0);
    expect(await post(url, textUpdate(102, 7102, 'xin chào'), { [TG_HEADER]: TG_SECRET })).toBe(200);
  });

  it('should handle the same update delivered twice only once: one reply, one state change', async () => {
    const { bot, url } = await startBot();
    const code = await bot.invite('STP', 'reporter');
    expect(await bot.say(7103, `/start ${code}`)).toContain('Chào mừng');
    expect(await bot.say(7103, '/baocao')).toContain('Câu 1/5');
    const before = bot.tg.messagesTo(7103).length;
    const answer = textUpdate(9_000_001, 7103, '1');
    expect(await post(url, answer, { [TG_HEADER]: TG_SECRET })).toBe(200);
    const afterFirst = bot.tg.messagesTo(7103).length;
    const stateAfterFirst = await stateOf(bot.prisma, 'telegram', '7103');
    expect(await post(url, answer, { [TG_HEADER]: TG_SECRET })).toBe(200);
    expect(afterFirst).toBe(before + 1);
    expect(bot.tg.messagesTo(7103)).toHaveLength(afterFirst);
    expect(await stateOf(bot.prisma, 'telegram', '7103')).toEqual(stateAfterFirst);
    expect(Object.values(stateAfterFirst.sessions)[0]?.trail).toHaveLength(1);
    expect(await bot.prisma.inboundUpdate.count({ where: { updateKey: '9000001' } })).toBe(1);
  });
});

describe('Zalo webhook security', () => {
  async function startBot(): Promise<{ bot: ZaloBotHarness; url: string }> {
    const bot = await ZaloBotHarness.start(tempDir(), { now: instantWhenOpen('weekly_status', '2026-W48'), webhook: true });
    closers.push(() => bot.close());
    return { bot, url: bot.webhookUrl ?? '' };
  }

  const factory = new ZaloUpdateFactory();
  const wrapped = (userId: string, text: string) => {
    const update = factory.build({ userId, displayName: 'Lan' }, { kind: 'text', text });
    return { update, body: JSON.stringify({ ok: true, result: update }) };
  };

  it('should refuse a wrong or missing secret with 401, storing and answering nothing', async () => {
    const { bot, url } = await startBot();
    const { body } = wrapped('s1', '/baocao');
    for (const headers of <Array<Record<string, string>>>[{}, { [ZALO_HEADER]: '' }, { [ZALO_HEADER]: 'wrong-secret' }, { [ZALO_HEADER]: WEBHOOK_SECRET.slice(0, -1) }, { [ZALO_HEADER]: `${WEBHOOK_SECRET}0` }, { [TG_HEADER]: WEBHOOK_SECRET }]) {
      expect(await post(url, body, headers)).toBe(401);
    }
    await bot.channel.settled();
    expect(await bot.prisma.inboundUpdate.count()).toBe(0);
    expect(bot.emulator.sent).toHaveLength(0);
    expect(await post(url, body, { [ZALO_HEADER]: WEBHOOK_SECRET })).toBe(200);
    await bot.channel.settled();
    expect(await bot.prisma.inboundUpdate.count()).toBe(1);
    expect(bot.emulator.sent).toHaveLength(1);
  });

  it('should answer a wrong secret with 401 before any byte of a large announced body is sent, and hang up', async () => {
    const { bot, url } = await startBot();
    for (const headers of <Array<Record<string, string>>>[{}, { [ZALO_HEADER]: 'wrong-secret' }, { [ZALO_HEADER]: 'wrong-secret', expect: '100-continue' }]) {
      const answer = await postHeadersOnly(url, headers);
      expect(answer.statuses).toEqual([401]);
      expect(answer.closedMs).toBeLessThan(2_000);
    }
    expect(await bot.prisma.inboundUpdate.count()).toBe(0);
  });

  it('should answer malformed JSON with 400 and store nothing', async () => {
    const { bot, url } = await startBot();
    for (const body of [...MALFORMED, '{"ok": true, "result": {"event_name": "message.text.received"}}', '{"event_name": "", "message": {}}']) {
      expect(await post(url, body, { [ZALO_HEADER]: WEBHOOK_SECRET })).toBe(400);
    }
    expect(await post(url, Buffer.from([0xff, 0xfe, 0x7b, 0x00]), { [ZALO_HEADER]: WEBHOOK_SECRET })).toBe(400);
    expect(await bot.prisma.inboundUpdate.count()).toBe(0);
  });

  it('should refuse a body over 1 MB with 413, whether its length is declared or streamed', async () => {
    const { bot, url } = await startBot();
    expect(await post(url, `{"ok":true,"pad":"${'x'.repeat(MAX_BODY_BYTES)}"}`, { [ZALO_HEADER]: WEBHOOK_SECRET })).toBe(413);
    expect(await postStreamed(url, { [ZALO_HEADER]: WEBHOOK_SECRET })).toBe(413);
    expect(await bot.prisma.inboundUpdate.count()).toBe(0);
    expect(await post(url, wrapped('s2', 'xin chào').body, { [ZALO_HEADER]: WEBHOOK_SECRET })).toBe(200);
  });

  it('should handle the same update delivered twice only once: one reply, one state change', async () => {
    const { bot, url } = await startBot();
    await bot.register('s3');
    expect(await bot.startReport('s3', 'weekly_status')).toContain('Câu 1/5');
    const before = bot.emulator.messagesTo('s3').length;
    const { body } = wrapped('s3', '1');
    expect(await post(url, body, { [ZALO_HEADER]: WEBHOOK_SECRET })).toBe(200);
    await bot.channel.settled();
    const afterFirst = bot.emulator.messagesTo('s3').length;
    const stateAfterFirst = await stateOf(bot.prisma, 'zalo', 's3');
    expect(await post(url, body, { [ZALO_HEADER]: WEBHOOK_SECRET })).toBe(200);
    await bot.channel.settled();
    expect(afterFirst).toBe(before + 1);
    expect(bot.emulator.messagesTo('s3')).toHaveLength(afterFirst);
    expect(await stateOf(bot.prisma, 'zalo', 's3')).toEqual(stateAfterFirst);
    expect(Object.values(stateAfterFirst.sessions)[0]?.trail).toHaveLength(1);
  });
});
