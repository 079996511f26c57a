import { afterEach, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/storage/database.ts';
import { readFormFolder } from '../../src/storage/form-files.ts';
import { syncForms } from '../../src/storage/repositories/form-repository.ts';
import { JobRunRepository } from '../../src/storage/repositories/job-run-repository.ts';
import { chooseAddress, RecipientRepository } from '../../src/storage/repositories/recipient-repository.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { openTestDatabase, seedProvince } from './scheduling-fixtures.ts';

const tempDir = useTempDirs();
let prisma: PrismaClient | undefined;
afterEach(async () => {
  await prisma?.$disconnect();
  prisma = undefined;
});

const identity = (channel: string, chatId: string, unreachable = false) => ({ channel, chatId, unreachableAt: unreachable ? new Date() : null });

describe('notification address', () => {
  it('should prefer the channel used last, fall back to a reachable one, and never use the console', () => {
    expect(chooseAddress({ lastChannel: 'zalo', identities: [identity('telegram', 't'), identity('zalo', 'z')] })).toEqual({ channel: 'zalo', chatId: 'z' });
    expect(chooseAddress({ lastChannel: 'zalo', identities: [identity('telegram', 't'), identity('zalo', 'z', true)] })).toEqual({ channel: 'telegram', chatId: 't' });
    expect(chooseAddress({ lastChannel: 'console', identities: [identity('console', 'console'), identity('zalo', 'z')] })).toEqual({ channel: 'zalo', chatId: 'z' });
    expect(chooseAddress({ lastChannel: 'console', identities: [identity('console', 'console')] })).toBeNull();
  });
});

describe('recipients', () => {
  it('should find supervisors on the unit and every ancestor, and only active reporting units', async () => {
    prisma = openTestDatabase(tempDir()).prisma;
    await seedProvince(prisma, [
      { name: 'R BVDK', telegram: 1, roles: [{ unit: 'BVDK', role: 'reporter' }] },
      { name: 'R OLD', telegram: 2, roles: [{ unit: 'OLD', role: 'reporter' }] },
      { name: 'S UBND', telegram: 3, roles: [{ unit: 'UBND', role: 'supervisor' }] },
      { name: 'S SYT', zalo: 'z4', roles: [{ unit: 'SYT', role: 'supervisor' }] },
      { name: 'S STP', telegram: 5, roles: [{ unit: 'STP', role: 'supervisor' }] },
    ]);
    const directory = new RecipientRepository(prisma);
    const units = await directory.reportingUnits();
    expect(units.map((u) => [u.name, u.reporters.map((r) => r.name)])).toEqual([['Bệnh viện Đa khoa tỉnh', ['R BVDK']]]);
    const bvdk = units[0]?.id ?? 0;
    const supervisors = await directory.supervisorsOf([bvdk]);
    expect(supervisors.get(bvdk)?.map((s) => [s.name, s.address?.channel]).sort()).toEqual([
      ['S SYT', 'zalo'],
      ['S UBND', 'telegram'],
    ]);
    expect((await directory.supervisors()).map((s) => s.name)).toEqual(['S UBND', 'S SYT', 'S STP']);
  });
});

describe('job runs', () => {
  it('should write a wave once: a second commit of the same key writes nothing', async () => {
    prisma = openTestDatabase(tempDir()).prisma;
    await syncForms(prisma, readFormFolder());
    const { contacts } = await seedProvince(prisma, [{ name: 'R', telegram: 1, roles: [{ unit: 'STP', role: 'reporter' }] }]);
    const store = new JobRunRepository(prisma);
    const run = { key: 'reminder:monthly_figures:2026-10:d0', job: 'reminder', formId: 'monthly_figures', periodKey: '2026-10', wave: 'd0', scheduledFor: new Date('2026-11-05T10:00:00Z'), detail: {} };
    const period = { formId: 'monthly_figures', key: '2026-10', opensAt: new Date('2026-11-01T01:00:00Z'), dueAt: new Date('2026-11-05T10:00:00Z'), closesAt: new Date('2026-11-15T10:00:00Z'), announcedAt: null };
    const draft = (key: string) => ({ idempotencyKey: key, contactId: contacts.get('R') ?? 0, channel: 'telegram' as const, chatId: '1', kind: 'reminder' as const, payload: { locale: 'vi' as const, reply: { lines: [] } } });
    const now = new Date('2026-11-05T10:00:00Z');
    expect(await store.commitWave(run, [draft('a#1')], period, now)).toBe('done');
    expect(await store.commitWave(run, [draft('b#1')], period, now)).toBe('already');
    expect(await prisma.outboxMessage.count()).toBe(1);
    expect(await store.existingKeys([run.key, 'other'])).toEqual(new Set([run.key]));
    expect(await store.latestScheduledFor()).toEqual(run.scheduledFor);
  });
});
