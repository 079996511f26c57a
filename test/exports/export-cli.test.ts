import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/storage/database.ts';
import { readShippedForm } from '../domain/form-fixtures.ts';
import { runCli } from '../support/run-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { seedDigestDatabase } from '../app/digest/digest-fixtures.ts';

const tempDir = useTempDirs();
let prisma: PrismaClient | undefined;
afterEach(async () => {
  await prisma?.$disconnect();
  prisma = undefined;
});

/** The dataset, with SNV's October figures filed on a version 2 of the monthly form that asks one more question. */
async function database(dir: string) {
  const seeded = await seedDigestDatabase(dir);
  prisma = seeded.prisma;
  const raw = readShippedForm('monthly_figures') as { settings: { version: number }; questions: unknown[] };
  raw.settings.version = 2;
  raw.questions.push({ type: 'integer', name: 'trainings', label: { vi: 'Số lớp bồi dưỡng', en: 'Training courses' } });
  await prisma.formVersion.create({ data: { form: { create: { id: 'monthly_figures', title: 'x', periodType: 'monthly', currentVersion: 2 } }, version: 2, definition: JSON.stringify(raw), checksum: 'v2' } });
  await prisma.submission.updateMany({ where: { unitId: 2, formId: 'monthly_figures', periodKey: '2026-10' }, data: { formVersion: 2, answers: JSON.stringify({ admitted: 20, members_current: 1360, inspections: 1, supervisions: 2, discipline_cases: 0, trainings: 3 }) } });
  return { DATABASE_URL: `file:${seeded.path}`, BOT_LOCALE: 'vi' };
}

describe('the reporting command line', () => {
  it('should export a period with one sheet per form version, missing units included', async () => {
    const dir = tempDir();
    const env = await database(dir);
    const out = join(dir, 'thang-10.xlsx');
    const result = await runCli(['export', '--form', 'monthly_figures', '--period', '2026-10', '--out', out], env);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Đã ghi 6 dòng (2 đã nộp, 4 chưa nộp)');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['monthly_figures v1', 'monthly_figures v2']);
    const values = (name: string) => {
      const rows: unknown[][] = [];
      workbook.getWorksheet(name)?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const v1 = values('monthly_figures v1');
    expect(v1[0]?.slice(0, 8)).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Đơn vị cấp trên', 'Kỳ báo cáo', 'Đánh giá', 'Thời gian nộp', 'Lần sửa', 'admitted: Số đảng viên mới được kết nạp trong tháng']);
    expect(v1.slice(1).map((row) => [row[0], row[3], row[4], row[7]])).toEqual([['STP', '2026-10', 'muộn', 1]]);
    const v2 = values('monthly_figures v2');
    expect(v2[0]).toContain('trainings: Số lớp bồi dưỡng');
    expect(v2.slice(1).map((row) => [row[0], row[3], row[4]])).toEqual([
      ['SNV', '2026-10', 'đúng hạn'],
      ['SYT-BV', '2026-10', 'chưa nộp'],
      ['HNB', '2026-10', 'chưa nộp'],
      ['SYT', '2026-10', 'chưa nộp'],
      ['SYT-CDC', '2026-10', 'chưa nộp'],
    ]);
    expect(v2[1]?.at(-1)).toBe(3);
    expect((v2[1]?.[5] as Date).toISOString()).toBe('2026-11-27T16:00:00.000Z'); // 09:00Z is 16:00 in Hanoi
  });

  it('should refuse a period of the wrong kind with a clear message', async () => {
    const env = await database(tempDir());
    const result = await runCli(['export', '--form', 'monthly_figures', '--period', '2026-W10', '--out', join(tempDir(), 'x.xlsx')], env);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--period: kỳ báo cáo “2026-W10” không đúng với biểu mẫu monthly_figures');
  });

  it('should list submissions and indicators as JSON, and preview the digest of a scope', async () => {
    const env = await database(tempDir());
    const list = await runCli(['submissions', 'list', '--form', 'weekly_status', '--json'], env);
    expect(JSON.parse(list.stdout).map((r: { unit_code: string; period: string; status: string }) => [r.unit_code, r.period, r.status])).toEqual([
      ['SNV', '2026-W47', 'on_time'],
      ['SNV', '2026-W48', 'on_time'],
      ['SYT', '2026-W48', 'late'],
    ]);
    const indicators = await runCli(['indicators', '--at', '30/11/2026', '--json'], env);
    const org = (JSON.parse(indicators.stdout) as Array<Record<string, unknown>>).find((i) => i.id === 'org_rated_good');
    expect(org).toMatchObject({ year: 2025, numerator: 25, denominator: 27, status: 'met', target: 0.9 });
    const admission = (JSON.parse(indicators.stdout) as Array<Record<string, unknown>>).find((i) => i.id === 'admission_rate');
    expect(admission).toMatchObject({ year: 2026, numerator: 31, denominator: 1440, status: 'behind' });
    const preview = await runCli(['digest', 'preview', '--scope', 'SYT', '--locale', 'en'], env);
    expect(preview.stdout).toContain('Scope: Sở Y tế — 3 reporting units');
    expect(preview.stdout).not.toContain('Sở Nội vụ');
    expect((await runCli(['indicators', '--scope', 'NOPE'], env)).stderr).toContain('--scope: không có đơn vị mã “NOPE”');
  }, 120_000);
});
