// The answers kept between digests on SQLite: whatever changes between two reads (a new report, an
// amendment, a report removed, another unit's first report, a change from another connection), a
// repository that keeps periods hands out exactly what a fresh one reads from the file.
import { afterEach, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/storage/database.ts';
import { ReportDataRepository } from '../../src/storage/repositories/report-data-repository.ts';
import { seedDigestDatabase } from '../app/digest/digest-fixtures.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const repositories: ReportDataRepository[] = [];
let prisma: PrismaClient | undefined;
afterEach(async () => {
  for (const repository of repositories.splice(0)) repository.close();
  await prisma?.$disconnect();
  prisma = undefined;
});

const PERIODS = ['2026-08', '2026-09', '2026-10', '2026-11'];

async function visits(source: ReportDataRepository, unitIds: number[] | null): Promise<string[]> {
  const seen: string[] = [];
  await source.eachAnswer('monthly_figures', PERIODS, unitIds, (unitId, periodKey, answers) => seen.push(`${periodKey} ${unitId} ${JSON.stringify(answers)}`));
  return seen.sort();
}

describe('answers kept between digests', () => {
  it('should always hand out what the file holds now, for the whole province and for a few units', async () => {
    const seeded = await seedDigestDatabase(tempDir());
    prisma = seeded.prisma;
    const kept = new ReportDataRepository(prisma, { sqlitePath: seeded.path });
    repositories.push(kept);
    const fresh = async (unitIds: number[] | null) => {
      const repository = new ReportDataRepository(prisma as PrismaClient, { sqlitePath: seeded.path });
      repositories.push(repository);
      return visits(repository, unitIds);
    };
    const same = async () => {
      for (const scope of [null, [2, 3], [4]]) expect(await visits(kept, scope)).toEqual(await fresh(scope));
    };
    const reported = await prisma.submission.findFirstOrThrow({ where: { formId: 'monthly_figures', periodKey: '2026-10' } });
    expect((await visits(kept, null)).length).toBeGreaterThan(0);
    await same();

    // An amendment, and the same unit's report of another period.
    await prisma.submission.update({ where: { id: reported.id }, data: { answers: JSON.stringify({ admitted: 99, members_current: 300 }) } });
    expect(await visits(kept, [reported.unitId])).toContain(`2026-10 ${reported.unitId} {"admitted":99,"members_current":300}`);
    await same();

    // A unit's first report ever, and a report removed.
    const other = await prisma.unit.create({ data: { code: 'MOI', name: 'Đơn vị mới', kind: 'department', parentId: 1 } });
    const at = new Date('2026-11-05T03:00:00Z');
    await prisma.submission.create({ data: { unitId: other.id, formId: 'monthly_figures', periodKey: '2026-10', currentRevision: 1, formVersion: 1, answers: '{"admitted":7}', firstSubmittedAt: at, submittedAt: at, late: false } });
    await prisma.submission.delete({ where: { id: reported.id } });
    await same();
    expect(await visits(kept, null)).toContain(`2026-10 ${other.id} {"admitted":7}`);
    expect((await visits(kept, null)).some((line) => line.startsWith(`2026-10 ${reported.unitId} `))).toBe(false);

    // Unreadable answers read as none, as everywhere else.
    await prisma.submission.update({ where: { unitId_formId_periodKey: { unitId: other.id, formId: 'monthly_figures', periodKey: '2026-10' } }, data: { answers: '{broken' } });
    expect(await visits(kept, [other.id])).toEqual([`2026-10 ${other.id} {}`]);
    await same();
  });
});
