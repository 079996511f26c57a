import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedSendPacer } from '../../src/outbox/shared-send-pacer.ts';
import { openDatabase, type PrismaClient } from '../../src/storage/database.ts';
import { SendBudgetRepository } from '../../src/storage/repositories/send-budget-repository.ts';
import { freshPostgresDatabase, TEST_POSTGRES_URL } from '../support/postgres.ts';
import { SendRateLimiter } from '../support/telegram-emulator/rate-limiter.ts';

/** Two workers' pacers: each its own connection pool to one database, as two processes would have. */
describe.skipIf(!TEST_POSTGRES_URL)('the send budget shared by several workers', () => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  const clients: PrismaClient[] = [];
  const pacers: SharedSendPacer[] = [];

  beforeAll(async () => {
    database = await freshPostgresDatabase();
    for (let worker = 0; worker < 2; worker += 1) {
      const { prisma } = await openDatabase(database.url);
      clients.push(prisma);
      pacers.push(new SharedSendPacer({ channel: 'telegram', perSecond: 30, perChatIntervalMs: 1100, budget: new SendBudgetRepository(prisma) }));
    }
  });
  afterAll(async () => {
    for (const prisma of clients) await prisma.$disconnect();
    await database?.drop();
  });

  it('should keep two workers together within the platform limits, a chat sent to twice included', async () => {
    const limiter = new SendRateLimiter({ globalPerSecond: 30, perChatPerSecond: 1 });
    const refused: number[] = [];
    const started = performance.now();
    // 90 chats, three of them twice, split between the workers, all asking at once.
    const chats = [...Array.from({ length: 90 }, (_, index) => 1000 + index), 1000, 1001, 1002];
    await Promise.all(
      chats.map(async (chat, index) => {
        // As the sender does: a turn whose moment passed before the call (this process was held up) is asked again.
        while (performance.now() > (await pacers[index % 2]!.turn(String(chat))));
        if (limiter.admit(chat) !== undefined) refused.push(chat);
      }),
    );
    expect(refused).toEqual([]);
    // The first 30 may leave together (the platform's burst); the rest at most 30 a second.
    expect(performance.now() - started).toBeGreaterThanOrEqual(((chats.length - 30) / 30) * 1000);
  }, 30_000);

  it('should refuse a second send to a chat within its interval, from any worker, and forget idle buckets', async () => {
    const [first, second] = clients.map((prisma) => new SendBudgetRepository(prisma));
    expect((await first!.reserve('zalo', 200, 'zalo:chat:7', 1100)).chatFree).toBe(true);
    // The next slot is 200 ms later: too soon for chat 7, from the other worker too, but not for chat 8.
    expect(await second!.reserve('zalo', 200, 'zalo:chat:7', 1100)).toMatchObject({ chatFree: false });
    expect((await second!.reserve('zalo', 200, 'zalo:chat:8', 1100)).chatFree).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await first!.reserve('telegram', 34, 'telegram:chat:9', 1100);
    await first!.prune(1000);
    const kept = await clients[0]!.sendBudget.findMany({ where: {}, select: { bucket: true } });
    expect(kept.map((row) => row.bucket).sort()).toEqual(['telegram', 'telegram:chat:9']);
  });
});
