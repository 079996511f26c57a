import { afterEach, describe, expect, it } from 'vitest';
import { TelegramOutboxTransport } from '../../src/channels/telegram/telegram-outbox-sender.ts';
import type { OutboxSender } from '../../src/outbox/outbox-sender.ts';
import type { PrismaClient } from '../../src/storage/database.ts';
import { OutboxRepository } from '../../src/storage/repositories/outbox-repository.ts';
import { ReachabilityRepository } from '../../src/storage/repositories/reachability-repository.ts';
import { TelegramEmulator } from '../support/telegram-emulator/index.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { openTestDatabase } from '../scheduler/scheduling-fixtures.ts';
import { enqueue, telegramContacts, telegramSender } from './outbox-fixtures.ts';

const tempDir = useTempDirs();
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

let tg: TelegramEmulator | undefined;
let prisma: PrismaClient | undefined;
const senders: OutboxSender[] = [];
afterEach(async () => {
  for (const sender of senders.splice(0)) await sender.stop();
  await prisma?.$disconnect();
  await tg?.close();
  prisma = undefined;
  tg = undefined;
});

async function setup(rateLimit = true) {
  tg = await TelegramEmulator.start(rateLimit ? { rateLimit: { globalPerSecond: 30, perChatPerSecond: 1 } } : { rateLimit: false });
  prisma = openTestDatabase(tempDir()).prisma;
  return { tg, prisma };
}

function started(sender: OutboxSender): OutboxSender {
  senders.push(sender);
  sender.start();
  return sender;
}

describe('outbox sender on a rate-limited Bot API', () => {
  it('should deliver every message exactly once within 30/s overall and 1/s per chat, with no 429 of its own making', async () => {
    const { tg, prisma } = await setup();
    const contacts = await telegramContacts(prisma, tg, range(2001, 40));
    await enqueue(prisma, contacts, 'wave-a', 2);
    // One 429 the platform decides on its own (a flood elsewhere): honoured, then delivered.
    tg.failNext('sendMessage', { status: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const { sender } = telegramSender(prisma, tg);
    started(sender);
    await sender.whenIdle(30_000);
    for (const chat of contacts.keys()) {
      const texts = tg.messagesTo(chat).map((m) => m.plainText ?? '');
      expect(texts.sort()).toEqual([`Gõ /baocao để báo cáo.\nGửi ${chat}/0`, `Gõ /baocao để báo cáo.\nGửi ${chat}/1`]);
    }
    expect(tg.stats.throttled, JSON.stringify(tg.stats.refusals)).toBe(0);
    expect(tg.stats.accepted).toBe(80);
    expect(await new OutboxRepository(prisma).counts()).toEqual({ pending: 0, sending: 0, sent: 80, failed: 0, dead: 0 });
  }, 60_000);

  it('should resume after a stop in the middle of a wave: a new sender delivers the rest, every recipient once', async () => {
    const { tg, prisma } = await setup();
    const contacts = await telegramContacts(prisma, tg, range(3001, 60));
    await enqueue(prisma, contacts, 'wave-b');
    const first = telegramSender(prisma, tg, { worker: 'first' }).sender;
    first.start();
    await tg.waitUntil(() => (tg.stats.accepted >= 20 ? true : undefined), 10_000);
    await first.stop();
    const afterStop = tg.stats.accepted;
    expect(afterStop).toBeLessThan(60);
    expect(await prisma.outboxMessage.count({ where: { status: 'sending' } })).toBe(0);
    const second = started(telegramSender(prisma, tg, { worker: 'second' }).sender);
    await second.whenIdle(30_000);
    for (const chat of contacts.keys()) expect(tg.messagesTo(chat)).toHaveLength(1);
    expect(tg.stats.throttled).toBe(0);
    const byWorker = await prisma.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } });
    expect(byWorker).toEqual([{ status: 'sent', _count: { _all: 60 } }]);
  }, 60_000);

  it('should give back a claim that came after its turn had passed, and send the message once on a later turn', async () => {
    const { tg, prisma } = await setup(false);
    const contacts = await telegramContacts(prisma, tg, [4501]);
    await enqueue(prisma, contacts, 'wave-late');
    // A pacer whose first turn is already past its deadline (the worker was held up), then on time.
    const deadlines = [performance.now() - 1, Number.POSITIVE_INFINITY];
    const turns: number[] = [];
    const pacer = { turn: async () => (turns.push(turns.length), deadlines[Math.min(turns.length - 1, 1)] as number), pause: () => undefined, leaving: () => undefined };
    const { sender } = telegramSender(prisma, tg, {
      routes: [{ transport: new TelegramOutboxTransport({ token: tg.token, apiRoot: tg.apiRoot }), pacer }],
    });
    started(sender);
    await sender.whenIdle(10_000);
    expect(turns).toHaveLength(2);
    expect(tg.messagesTo(4501)).toHaveLength(1);
    // The late claim called nobody, so it does not count as an attempt.
    expect(await prisma.outboxMessage.findFirstOrThrow({ where: { chatId: '4501' } })).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('should dead-letter a message a crash left in sending, never send it, and deliver the others', async () => {
    const { tg, prisma } = await setup(false);
    const contacts = await telegramContacts(prisma, tg, [4001, 4002]);
    await enqueue(prisma, contacts, 'wave-c');
    const interrupted = await prisma.outboxMessage.findFirstOrThrow({ where: { chatId: '4001' } });
    await prisma.outboxMessage.update({ where: { id: interrupted.id }, data: { status: 'sending', claimedBy: 'crashed', claimedUntil: new Date(Date.now() - 1000), attempts: 1 } });
    const { sender, logs } = telegramSender(prisma, tg);
    started(sender);
    await sender.whenIdle(10_000);
    expect(tg.messagesTo(4001)).toHaveLength(0);
    expect(tg.messagesTo(4002)).toHaveLength(1);
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: interrupted.id } })).toMatchObject({ status: 'dead', lastError: 'interrupted' });
    expect(logs.some((line) => line.includes('interrupted'))).toBe(true);
  });

  it('should mark a contact who blocked the bot unreachable, dead-letter with the reason, and not retry', async () => {
    const { tg, prisma } = await setup(false);
    const contacts = await telegramContacts(prisma, tg, [5001, 5002, 5003]);
    const unit = await prisma.unit.create({ data: { code: 'STP', name: 'Sở Tư pháp', kind: 'department' } });
    for (const contactId of contacts.values()) await prisma.role.create({ data: { contactId, unitId: unit.id, role: 'reporter' } });
    tg.blockBot(5001);
    tg.deactivateUser(5002);
    await enqueue(prisma, contacts, 'wave-d');
    const { sender } = telegramSender(prisma, tg);
    started(sender);
    await sender.whenIdle(10_000);
    const rows = await prisma.outboxMessage.findMany({ orderBy: { chatId: 'asc' } });
    expect(rows.map((r) => [r.chatId, r.status, r.lastError, r.attempts])).toEqual([
      ['5001', 'dead', 'unreachable: blocked', 1],
      ['5002', 'dead', 'unreachable: deactivated', 1],
      ['5003', 'sent', null, 1],
    ]);
    expect(tg.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === '5001')).toHaveLength(1);
    const identity = await prisma.channelIdentity.findFirstOrThrow({ where: { chatId: '5001' } });
    expect(identity.unreachableReason).toBe('blocked');
    const unreachable = await new ReachabilityRepository(prisma).unreachableContacts([unit.id]);
    expect(unreachable.map((u) => [u.name, u.channel, u.reason])).toEqual([
      ['Người nhận 5001', 'telegram', 'blocked'],
      ['Người nhận 5002', 'telegram', 'deactivated'],
    ]);
  });

  it('should retry 5xx and network errors with backoff, and dead-letter a permanent 400 at once', async () => {
    const { tg, prisma } = await setup(false);
    const contacts = await telegramContacts(prisma, tg, [6001]);
    await enqueue(prisma, contacts, 'wave-e');
    tg.failNext('sendMessage', { status: 502 }, 1);
    tg.failNext('sendMessage', { status: 500, drop: true }, 1);
    const { sender } = telegramSender(prisma, tg);
    started(sender);
    await tg.waitForMessages(6001, 1, 10_000);
    await sender.whenIdle(10_000);
    expect(await prisma.outboxMessage.findFirstOrThrow()).toMatchObject({ status: 'sent', attempts: 3 });
    expect(tg.messagesTo(6001)).toHaveLength(1);
    // A chat the platform does not know: 400, permanent, one call.
    await prisma.contact.create({ data: { name: 'Không tồn tại', identities: { create: { channel: 'telegram', userId: '6999', chatId: '6999' } } } });
    await enqueue(prisma, new Map([[6999, (await prisma.contact.findFirstOrThrow({ where: { name: 'Không tồn tại' } })).id]]), 'wave-f');
    sender.notify();
    await tg.waitUntil(() => (tg.calls.some((c) => String(c.params.chat_id) === '6999' && c.status === 400) ? true : undefined), 5000);
    await sender.whenIdle(10_000);
    const dead = await prisma.outboxMessage.findFirstOrThrow({ where: { chatId: '6999' } });
    expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
    expect(dead.lastError).toMatch(/^permanent: 400 .*chat not found/);
  });

  it('should give up on a message that keeps failing after its last retry', async () => {
    const { tg, prisma } = await setup(false);
    const contacts = await telegramContacts(prisma, tg, [7001]);
    await enqueue(prisma, contacts, 'wave-g');
    tg.failNext('sendMessage', { status: 503 }, 10);
    const { sender } = telegramSender(prisma, tg, { retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 30 } });
    started(sender);
    await tg.waitUntil(() => (tg.calls.filter((c) => c.method === 'sendMessage').length >= 3 ? true : undefined), 10_000);
    await sender.whenIdle(10_000);
    const row = await prisma.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'dead', attempts: 3 });
    expect(row.lastError).toMatch(/^gave up after 3 attempts: 503/);
  });

  it('should send attachments as a photo and a document from their bytes, after the text', async () => {
    const { tg, prisma } = await setup(false);
    const contacts = await telegramContacts(prisma, tg, [8001]);
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    await prisma.outboxMessage.create({
      data: {
        idempotencyKey: 'digest-1', contactId: contacts.get(8001) ?? null, channel: 'telegram', chatId: '8001', kind: 'digest',
        payload: JSON.stringify({
          locale: 'vi',
          reply: { lines: [{ key: 'notices.digest_preparing', params: { name: 'Hạnh' } }] },
          attachments: [
            { kind: 'photo', filename: 'chart.png', contentType: 'image/png', base64: png.toString('base64'), caption: { key: 'notices.how_to_report' } },
            { kind: 'document', filename: 'tonghop.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: Buffer.from('xlsx').toString('base64') },
          ],
        }),
      },
    });
    const { sender } = telegramSender(prisma, tg);
    started(sender);
    await tg.waitForMessages(8001, 3, 10_000);
    await sender.whenIdle(10_000);
    const sent = tg.messagesTo(8001);
    expect(sent.map((m) => m.method)).toEqual(['sendMessage', 'sendPhoto', 'sendDocument']);
    expect(sent[1]?.file?.bytes.equals(png)).toBe(true);
    expect(sent[1]?.caption).toContain('/baocao');
    expect(sent[2]?.file?.filename).toBe('tonghop.xlsx');
  });
});
