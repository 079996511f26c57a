import { afterEach, describe, expect, it } from 'vitest';
import { TEST_POSTGRES_URL } from '../../support/postgres.ts';
import { messagesPerChat, waitUntilSettled, waveFixture } from './wave-fixture.ts';

const CONTACTS = Number(process.env.WORKER_WAVE_SIZE ?? 300);
let fixture: Awaited<ReturnType<typeof waveFixture>> | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

describe.skipIf(!TEST_POSTGRES_URL)('several workers on one PostgreSQL database', () => {
  it.each([2, 3])('should run a scheduled wave once and deliver it exactly once with %i workers, within the platform limits', async (workers) => {
    fixture = await waveFixture(CONTACTS);
    const started = await fixture.fleet.start(workers);
    expect(started.reduce((sum, w) => sum + w.waves, 0)).toBeGreaterThanOrEqual(1);
    const waves = await fixture.prisma.jobRun.findMany({ where: { job: 'reminder' } });
    expect(waves).toHaveLength(1);
    const counts = await waitUntilSettled(fixture.prisma, CONTACTS, 600_000);
    expect(counts).toEqual({ sent: CONTACTS });
    const perChat = messagesPerChat(fixture.tg);
    expect(perChat.size).toBe(CONTACTS);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    expect(fixture.tg.stats.throttled).toBe(0);
    const senders = await fixture.prisma.outboxMessage.groupBy({ by: ['claimedBy'], _count: { _all: true } });
    expect(senders.length).toBeGreaterThanOrEqual(2);
  }, 660_000);
});
