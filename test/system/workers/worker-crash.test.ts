import { afterEach, describe, expect, it } from 'vitest';
import { TEST_POSTGRES_URL } from '../../support/postgres.ts';
import { messagesPerChat, outboxCounts, waitUntilSettled, waveFixture } from './wave-fixture.ts';

const CONTACTS = Number(process.env.WORKER_WAVE_SIZE ?? 300);
/** The outbox sender's default number of deliveries in flight. */
const SENDER_CONCURRENCY = 32;
let fixture: Awaited<ReturnType<typeof waveFixture>> | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe.skipIf(!TEST_POSTGRES_URL)('a worker killed in the middle of a wave', () => {
  it('should lose nothing: the other worker delivers the rest, nobody gets a message twice', async () => {
    // Short holds, leases and recovery rounds, so the survivor takes over within seconds.
    fixture = await waveFixture(CONTACTS, { WORKER_HOLD_MS: '3000', WORKER_LEASE_MS: '3000', WORKER_RECOVERY_MS: '2000' });
    await fixture.fleet.start(2);
    const { prisma, tg, fleet } = fixture;
    let killed = false;
    const counts = await waitUntilSettled(prisma, CONTACTS, 600_000, (sent) => {
      if (!killed && sent >= CONTACTS / 4) {
        fleet.kill(0);
        killed = true;
      }
    });
    expect(killed).toBe(true);
    const perChat = messagesPerChat(tg);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    // At most once: a message the killed worker was sending at that instant is dead-lettered as interrupted,
    // never resent; everything else is delivered by the surviving worker.
    const dead = await prisma.outboxMessage.findMany({ where: { status: 'dead' }, select: { lastError: true, chatId: true } });
    expect(dead.every((row) => (row.lastError ?? '').includes('interrupted'))).toBe(true);
    // Only what the killed worker had claimed can be lost: at most its concurrent deliveries.
    expect(dead.length).toBeLessThanOrEqual(SENDER_CONCURRENCY);
    expect((counts.sent ?? 0) + dead.length).toBe(CONTACTS);
    expect(perChat.size + dead.filter((row) => !perChat.has(row.chatId)).length).toBe(CONTACTS);
    expect(await outboxCounts(prisma)).not.toHaveProperty('pending');
    expect(tg.stats.throttled).toBe(0);
  }, 660_000);
});
