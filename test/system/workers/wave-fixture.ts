import { openDatabase, type PrismaClient } from '../../../src/storage/database.ts';
import { seedDemoProvince } from '../../../src/storage/seed-demo.ts';
import { addContacts } from '../../support/bench-population.ts';
import { freshPostgresDatabase } from '../../support/postgres.ts';
import { TelegramEmulator } from '../../support/telegram-emulator/index.ts';
import { WorkerFleet } from '../../support/worker-fleet.ts';

/** The due-day reminder of the weekly report for week 48 of 2026 (Friday 17:00 in Hanoi), just after it falls due. */
export const WAVE_TIME = '2026-11-27T10:00:20Z';
export const FIRST_USER_ID = 900_000;

/** A PostgreSQL province of `contacts` reporters (one unit each, all on Telegram), a rate-limited emulator, and a fleet (`workerEnv` tunes its workers). */
export async function waveFixture(contacts: number, workerEnv: Record<string, string> = {}) {
  const database = await freshPostgresDatabase();
  const { prisma } = await openDatabase(database.url);
  await seedDemoProvince(prisma);
  await addContacts(prisma, contacts, { firstUserId: FIRST_USER_ID });
  await prisma.contact.updateMany({ data: { lastChannel: 'telegram' } });
  const tg = await TelegramEmulator.start({ rateLimit: { globalPerSecond: 30, perChatPerSecond: 1 } });
  for (let index = 0; index < contacts; index += 1) {
    const id = FIRST_USER_ID + index;
    tg.addChat({ id, type: 'private', first_name: `Người ${index + 1}` });
  }
  const fleet = new WorkerFleet({ DATABASE_URL: database.url, TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, WORKER_NOW: WAVE_TIME, ...workerEnv });
  return {
    prisma,
    tg,
    fleet,
    async close() {
      await fleet.stop();
      await tg.close();
      await prisma.$disconnect();
      await database.drop();
    },
  };
}

/** Outbox rows by status (and dead ones by reason). */
export async function outboxCounts(prisma: PrismaClient): Promise<Record<string, number>> {
  const rows = await prisma.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [row.status, row._count._all]));
}

/** Waits until every outbox row is settled (sent or dead), polling the database. */
export async function waitUntilSettled(prisma: PrismaClient, expected: number, timeoutMs: number, onTick?: (sent: number) => void): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await outboxCounts(prisma);
    onTick?.(counts.sent ?? 0);
    if ((counts.sent ?? 0) + (counts.dead ?? 0) >= expected) return counts;
    if (Date.now() > deadline) throw new Error(`wave not settled: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** How many messages each chat got: a wave must give exactly one to each. */
export function messagesPerChat(tg: TelegramEmulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of tg.sent) counts.set(String(message.chatId), (counts.get(String(message.chatId)) ?? 0) + 1);
  return counts;
}
