import type { OutboxDraft } from '../../src/app/outbox-ports.ts';
import { systemClock, type Clock } from '../../src/app/ports.ts';
import { TelegramOutboxTransport } from '../../src/channels/telegram/telegram-outbox-sender.ts';
import type { OutboxPayload } from '../../src/app/outbox-payload.ts';
import { OutboxSender, type OutboxSenderOptions } from '../../src/outbox/outbox-sender.ts';
import { SendPacer } from '../../src/outbox/send-pacer.ts';
import { PER_CHAT_INTERVAL_MS } from '../../src/main/create-scheduling.ts';
import type { PrismaClient } from '../../src/storage/database.ts';
import { OutboxRepository, writeOutboxDrafts } from '../../src/storage/repositories/outbox-repository.ts';
import type { TelegramEmulator } from '../support/telegram-emulator/index.ts';
import { memoryLogger } from '../scheduler/scheduling-fixtures.ts';

/** A reminder-like payload naming its recipient, so each delivery can be told apart. */
export function notePayload(name: string): OutboxPayload {
  return { locale: 'vi', reply: { lines: [{ key: 'notices.how_to_report' }, { text: `Gửi ${name}` }] } };
}

/** Contacts with a Telegram identity each (chat id = user id), known to the emulator; returns contact ids by chat. */
export async function telegramContacts(prisma: PrismaClient, tg: TelegramEmulator, chats: number[]): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (const chat of chats) {
    const contact = await prisma.contact.create({ data: { name: `Người nhận ${chat}`, lastChannel: 'telegram' } });
    await prisma.channelIdentity.create({ data: { contactId: contact.id, channel: 'telegram', userId: String(chat), chatId: String(chat) } });
    tg.addChat({ id: chat, type: 'private', first_name: `User ${chat}` });
    ids.set(chat, contact.id);
  }
  return ids;
}

/** Writes one message per (chat, copy) to the outbox, as a wave would. */
export async function enqueue(prisma: PrismaClient, contacts: Map<number, number>, wave: string, copies = 1, now = new Date()): Promise<void> {
  const drafts: OutboxDraft[] = [];
  for (let copy = 0; copy < copies; copy += 1) {
    for (const [chat, contactId] of contacts) {
      drafts.push({ idempotencyKey: `${wave}:${copy}#${contactId}`, contactId, channel: 'telegram', chatId: String(chat), kind: 'reminder', payload: notePayload(`${chat}/${copy}`) });
    }
  }
  await prisma.$transaction((tx) => writeOutboxDrafts(tx, drafts, now));
}

/** A sender on the Telegram emulator at the default pace (25/s under the platform's 30, one a second per chat). */
export function telegramSender(prisma: PrismaClient, tg: TelegramEmulator, tuning: Partial<OutboxSenderOptions> = {}, clock: Clock = systemClock) {
  const { logger, lines } = memoryLogger();
  const sender = new OutboxSender({
    store: new OutboxRepository(prisma),
    routes: [{ transport: new TelegramOutboxTransport({ token: tg.token, apiRoot: tg.apiRoot }), pacer: new SendPacer({ perSecond: 25, perChatIntervalMs: PER_CHAT_INTERVAL_MS }) }],
    clock,
    logger,
    pollIntervalMs: 50,
    retry: { maxAttempts: 4, baseDelayMs: 40, maxDelayMs: 200 },
    ...tuning,
  });
  return { sender, logs: lines };
}
