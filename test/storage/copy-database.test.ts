import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isPostgresUrl } from '../../src/config.ts';
import { copyDatabase, TABLES_WITH_SERIAL_ID, unitsParentsFirst } from '../../src/storage/copy-database.ts';
import { openDatabase, type PrismaClient } from '../../src/storage/database.ts';
import { seedDemoProvince } from '../../src/storage/seed-demo.ts';
import { DATABASE_KINDS, freshPostgresDatabase } from '../support/postgres.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function open(url: string): Promise<PrismaClient> {
  const { prisma } = await openDatabase(url);
  cleanups.push(() => prisma.$disconnect());
  return prisma;
}

/** A province with history: a unit whose parent was created after it, a submission with two revisions. */
async function provinceWithHistory(prisma: PrismaClient): Promise<void> {
  await seedDemoProvince(prisma);
  const child = await prisma.unit.create({ data: { code: 'LATE-CHILD', name: 'Chi bộ mới', kind: 'grassroots' } });
  const parent = await prisma.unit.create({ data: { code: 'LATE-PARENT', name: 'Đảng bộ mới', kind: 'agency' } });
  await prisma.unit.update({ where: { id: child.id }, data: { parentId: parent.id } });
  const now = new Date('2026-11-27T03:00:00Z');
  const submission = await prisma.submission.create({
    data: { unitId: child.id, formId: 'weekly_status', periodKey: '2026-W48', currentRevision: 2, formVersion: 1, answers: '{"p1_progress":"behind"}', firstSubmittedAt: now, submittedAt: now, late: false },
  });
  for (const revision of [1, 2]) {
    await prisma.submissionRevision.create({ data: { submissionId: submission.id, revision, formVersion: 1, answers: `{"rev":${revision}}`, submittedAt: now, late: false, channel: 'telegram' } });
  }
}

describe.each(DATABASE_KINDS)('db copy from SQLite to %s', (kind) => {
  it('should copy every row, keep ids and references, verify the counts, and leave the target usable', async () => {
    const source = await open(`file:${join(tempDir(), 'source.db')}`);
    await provinceWithHistory(source);
    let targetUrl = `file:${join(tempDir(), 'target.db')}`;
    if (kind === 'postgresql') {
      const database = await freshPostgresDatabase();
      cleanups.push(database.drop);
      targetUrl = database.url;
    }
    const target = await open(targetUrl);
    const report = await copyDatabase(source, target, {
      afterCopy: async (table) => {
        const name = TABLES_WITH_SERIAL_ID[table];
        if (name && isPostgresUrl(targetUrl)) {
          await target.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${name}"', 'id'), GREATEST((SELECT MAX(id) FROM "${name}"), 1))`);
        }
      },
    });
    expect(report.ok).toBe(true);
    expect(report.tables.find((t) => t.table === 'unit')?.target).toBe(await source.unit.count());
    const child = await target.unit.findUniqueOrThrow({ where: { code: 'LATE-CHILD' }, include: { parent: true, submissions: { include: { revisions: true } } } });
    expect(child.parent?.code).toBe('LATE-PARENT');
    expect(child.submissions[0]?.revisions.map((r) => r.answers).sort()).toEqual(['{"rev":1}', '{"rev":2}']);
    const fresh = await target.unit.create({ data: { code: 'AFTER-COPY', name: 'Đơn vị thêm sau', kind: 'agency' } });
    expect(fresh.id).toBeGreaterThan(child.id);
  });
});

describe('units in copy order', () => {
  it('should put every parent before its children', () => {
    const ordered = unitsParentsFirst([
      { id: 1, parentId: 3 },
      { id: 2, parentId: null },
      { id: 3, parentId: 2 },
    ]);
    expect(ordered.map((row) => row.id)).toEqual([2, 3, 1]);
  });
});
