import { afterEach, describe, expect, it } from 'vitest';
import { migrateDatabaseUrl, openDatabase, type PrismaClient } from '../../src/storage/database.ts';
import { ContactAdminRepository } from '../../src/storage/repositories/contact-admin-repository.ts';
import { seedDemoProvince } from '../../src/storage/seed-demo.ts';
import { DATABASE_KINDS, freshPostgresDatabase } from '../support/postgres.ts';
import { TelegramBotHarness } from '../support/telegram-bot-harness.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const FRIDAY_W48 = new Date('2026-11-27T03:00:00Z');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function databaseUrl(kind: 'sqlite' | 'postgresql'): Promise<string> {
  if (kind === 'sqlite') return `file:${tempDir()}/bot.db`;
  const database = await freshPostgresDatabase();
  cleanups.push(database.drop);
  return database.url;
}

async function versions(prisma: PrismaClient): Promise<Record<string, number>> {
  return Object.fromEntries((await prisma.cacheVersion.findMany()).map((row) => [row.name, row.value]));
}

describe.each(DATABASE_KINDS)('cache versions on %s', (kind) => {
  it('should be raised by the database on changes to who people are and to a unit\'s reports, not by visits', async () => {
    const url = await databaseUrl(kind);
    await migrateDatabaseUrl(url);
    const { prisma } = await openDatabase(url);
    cleanups.push(() => prisma.$disconnect());
    const start = await versions(prisma);
    await seedDemoProvince(prisma);
    const seeded = await versions(prisma);
    expect(seeded.directory).toBeGreaterThan(start.directory ?? 0);
    const identity = await prisma.channelIdentity.findFirstOrThrow();
    await prisma.channelIdentity.update({ where: { id: identity.id }, data: { lastSeenAt: new Date(), chatId: 'elsewhere' } });
    await prisma.contact.update({ where: { id: identity.contactId }, data: { lastChannel: 'zalo' } });
    expect(await versions(prisma)).toEqual(seeded);
    await prisma.contact.update({ where: { id: identity.contactId }, data: { name: 'Tên mới' } });
    const renamed = await versions(prisma);
    expect(renamed.directory).toBeGreaterThan(seeded.directory ?? 0);
    const unit = await prisma.unit.findFirstOrThrow({ where: { code: 'STP' } });
    await prisma.submission.create({
      data: { unitId: unit.id, formId: 'weekly_status', periodKey: '2026-W48', currentRevision: 1, formVersion: 1, answers: '{}', firstSubmittedAt: new Date(), submittedAt: new Date(), late: false },
    });
    const reported = await versions(prisma);
    expect(reported[`submissions:${unit.id}`]).toBe(1);
    expect(reported.directory).toBe(renamed.directory);
    await prisma.submission.updateMany({ where: { unitId: unit.id }, data: { answers: '{"a":1}' } });
    const amended = await versions(prisma);
    expect(amended[`submissions:${unit.id}`]).toBe(2);
    expect(Object.keys(amended).filter((name) => name.startsWith('submissions:'))).toEqual([`submissions:${unit.id}`]);
  });

  it('should make a running bot see at once a contact deactivated from another connection (the command line)', async () => {
    const url = await databaseUrl(kind);
    const bot = await TelegramBotHarness.start(tempDir(), { now: FRIDAY_W48, ...(kind === 'postgresql' ? { databaseUrl: url } : {}) });
    cleanups.push(() => bot.close());
    const code = await bot.invite('STP', 'reporter');
    await bot.say(9001, `/start ${code}`);
    expect(await bot.say(9001, '/trangthai')).toMatch(/Tình hình báo cáo/);
    const identity = await bot.prisma.channelIdentity.findFirstOrThrow({ where: { userId: '9001' } });
    // Another client on the same database, as `npm run cli -- contacts deactivate` would be.
    const { prisma: other } = await openDatabase(bot.databaseUrl);
    await new ContactAdminRepository(other).deactivate(String(identity.contactId), 'cli');
    await other.$disconnect();
    expect(await bot.say(9001, '/trangthai')).toMatch(/chưa đăng ký/);
  });
});
