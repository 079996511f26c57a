import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.ts';
import { UNITS } from '../app/digest/digest-fixtures.ts';
import { freshPostgresDatabase, TEST_POSTGRES_URL } from '../support/postgres.ts';
import { runCli } from '../support/run-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { fill, template } from './history-fixtures.ts';

const tempDir = useTempDirs();

describe.skipIf(!TEST_POSTGRES_URL)('submissions import on PostgreSQL', () => {
  it('should store a filled template once, accepted and marked imported, and change nothing the second time', async () => {
    const database = await freshPostgresDatabase();
    const { prisma } = await openDatabase(database.url);
    try {
      await prisma.unit.createMany({ data: UNITS.map((unit) => ({ ...unit })) });
      const workbook = await template('monthly_figures');
      const sheet = workbook.getWorksheet('monthly_figures v1');
      if (!sheet) throw new Error('no report sheet');
      const row = { 'Kỳ báo cáo': '2026-03', admitted: 2, members_current: 1300, inspections: 0, supervisions: 1, discipline_cases: 0 };
      fill(sheet, [{ ...row, 'Mã đơn vị': 'SNV' }, { ...row, 'Mã đơn vị': 'STP', 'Đánh giá': 'muộn' }]);
      const file = join(tempDir(), 'so-lieu-cu.xlsx');
      await workbook.xlsx.writeFile(file);
      const env = { DATABASE_URL: database.url, BOT_LOCALE: 'en' };

      const first = await runCli(['submissions', 'import', file, '--json'], env);
      expect(first.stderr).toBe('');
      expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, imported: 2, unchanged: 0 });
      const stored = await prisma.submission.findMany({ orderBy: { unitId: 'asc' }, include: { revisions: true } });
      expect(stored.map((s) => [s.unitId, s.reviewState, s.importedBy, s.late, s.revisions.length])).toEqual([
        [2, 'accepted', 'cli', false, 1],
        [3, 'accepted', 'cli', true, 1],
      ]);

      expect(await prisma.cacheVersion.findMany({ where: { name: { in: ['submissions:2', 'submissions:3'] } }, orderBy: { name: 'asc' } })).toEqual([
        { name: 'submissions:2', value: 1 },
        { name: 'submissions:3', value: 1 },
      ]);

      const second = await runCli(['submissions', 'import', file], env);
      expect(second.stdout).toContain('Nothing new to import: the file\'s 2 report(s) are already stored');
      expect(await prisma.submission.count()).toBe(2);
      expect(await prisma.auditLog.count({ where: { action: 'submissions.import' } })).toBe(1);
    } finally {
      await prisma.$disconnect();
      await database.drop();
    }
  }, 120_000);
});
