import { afterEach, describe, expect, it } from 'vitest';
import type { SubmissionWrite, UpdateWrites } from '../../src/app/inbound/inbound-store.ts';
import { migrateDatabaseUrl, openDatabase } from '../../src/storage/database.ts';
import { seedDemoProvince } from '../../src/storage/seed-demo.ts';
import { createStorage } from '../../src/storage/storage.ts';
import { DATABASE_KINDS, freshPostgresDatabase } from '../support/postgres.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function storeOn(kind: 'sqlite' | 'postgresql') {
  let url = `file:${tempDir()}/bot.db`;
  if (kind === 'postgresql') {
    const database = await freshPostgresDatabase();
    cleanups.push(database.drop);
    url = database.url;
  }
  await migrateDatabaseUrl(url);
  const { prisma } = await openDatabase(url);
  cleanups.push(() => prisma.$disconnect());
  await seedDemoProvince(prisma);
  const storage = createStorage(prisma, url);
  cleanups.push(async () => storage.inbound.close?.());
  const unit = await prisma.unit.findFirstOrThrow({ where: { code: 'STP' } });
  const contact = await prisma.contact.create({ data: { name: 'Chị Lan', locale: 'vi', roles: { create: { role: 'reporter', unitId: unit.id } }, identities: { create: { channel: 'telegram', userId: '501', chatId: '501', lastSeenAt: new Date('2026-11-01T00:00:00Z') } } } });
  return { prisma, store: storage.inbound, unitId: unit.id, contactId: contact.id };
}

let updateNumber = 0;
function writes(now: Date, submissions: SubmissionWrite[]): UpdateWrites {
  updateNumber += 1;
  return { update: { channel: 'telegram', botKey: '7000', updateKey: String(updateNumber), fingerprint: `f${updateNumber}`, status: 'done' }, now, submissions };
}

describe.each(DATABASE_KINDS)('the inbound store on %s', (kind) => {
  it('should keep a report as revisions: late only if the first was, back to review when sent again, first date kept', async () => {
    const { prisma, store, unitId, contactId } = await storeOn(kind);
    const report = { unitId, formId: 'weekly_status', formVersion: 1, periodKey: '2026-W48', contactId, channel: 'telegram' as const };
    const first = new Date('2026-11-28T02:00:00Z');
    expect(await store.commit(writes(first, [{ ...report, answers: { q: 1 }, late: true, replaces: false }]))).toBe(true);
    await prisma.submission.updateMany({ where: { unitId }, data: { reviewState: 'returned', reviewReason: 'Thiếu số liệu' } });

    expect((await store.findReturned?.([unitId]))?.map((row) => [row.periodKey, row.reviewState, row.reviewReason])).toEqual([['2026-W48', 'returned', 'Thiếu số liệu']]);
    const second = new Date('2026-11-29T02:00:00Z');
    expect(await store.commit(writes(second, [{ ...report, answers: { q: 2 }, late: false, replaces: true }]))).toBe(true);

    const [found] = await store.findSubmissions([{ unitId, formId: 'weekly_status', periodKey: '2026-W48' }, { unitId, formId: 'weekly_status', periodKey: '2026-W47' }]);
    expect(found).toMatchObject({ answers: { q: 2 }, revision: 2, late: true, reviewState: 'new', reviewReason: null });
    expect(found?.submittedAt.toISOString()).toBe(second.toISOString());
    expect(await store.findReturned?.([unitId])).toEqual([]);
    const stored = await prisma.submission.findFirstOrThrow({ where: { unitId }, include: { revisions: { orderBy: { revision: 'asc' } } } });
    expect(stored.firstSubmittedAt.toISOString()).toBe(first.toISOString());
    expect(stored.revisions.map((revision) => [revision.revision, JSON.parse(revision.answers), revision.late])).toEqual([[1, { q: 1 }, true], [2, { q: 2 }, false]]);
  });

  it('should find a contact with roles and the periods reopened for their units in one entry', async () => {
    const { prisma, store, unitId, contactId } = await storeOn(kind);
    const until = new Date('2026-12-05T10:00:00Z');
    await prisma.periodReopening.create({ data: { unitId, formId: 'monthly_figures', periodKey: '2026-10', until, createdBy: 'cli' } });
    const entry = await store.findContact('telegram', '501');
    expect(entry?.contact).toMatchObject({ id: contactId, name: 'Chị Lan', roles: [{ role: 'reporter', unitId, unitCode: 'STP' }] });
    expect(entry?.reopened).toEqual([{ unitId, formId: 'monthly_figures', periodKey: '2026-10', until }]);
    expect(await store.findContact('telegram', '502')).toBeNull();
    expect(await store.findSubmissions([])).toEqual([]);
  });
});
