import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDigest, loadScope } from '../../src/app/digest/digest-builder.ts';
import { digestWorkbook } from '../../src/app/digest/digest-workbook.ts';
import type { PrismaClient } from '../../src/storage/database.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { MONDAY, reportDeps, seedDigestDatabase } from '../app/digest/digest-fixtures.ts';

const tempDir = useTempDirs();
let prisma: PrismaClient | undefined;
afterEach(async () => {
  await prisma?.$disconnect();
  prisma = undefined;
});

function rowsOf(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
  const rows: unknown[][] = [];
  sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('the digest workbook', () => {
  it('should open in exceljs and hold every indicator, unit status, unit below target and unreachable contact', async () => {
    const seeded = await seedDigestDatabase(tempDir());
    prisma = seeded.prisma;
    const deps = reportDeps(seeded.prisma, seeded.path);
    const data = await buildDigest(deps, await loadScope(deps.source, [{ role: 'supervisor', unitId: 1 }]), MONDAY);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await digestWorkbook(data, 'vi')) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Chỉ tiêu', 'Nộp báo cáo', 'Duyệt báo cáo', 'Trả lại quá 3 ngày', 'Dưới chỉ tiêu', 'Không liên lạc được']);

    const indicators = rowsOf(workbook.getWorksheet('Chỉ tiêu'));
    expect(indicators[0]?.slice(0, 3)).toEqual(['Chỉ tiêu', 'Mã chỉ tiêu', 'Năm']);
    const org = indicators.find((row) => row[1] === 'org_rated_good');
    expect(org?.slice(2, 10)).toEqual([2025, '2025', 25, 27, 25 / 27, '>', 0.9, 'đạt']);
    expect(workbook.getWorksheet('Chỉ tiêu')?.getColumn(7).numFmt).toBe('0.0%');
    const admission = indicators.find((row) => row[1] === 'admission_rate');
    expect(admission?.slice(2, 6)).toEqual([2026, '2026-10', 31, 1440]);

    const filed = rowsOf(workbook.getWorksheet('Nộp báo cáo'));
    // 6 reporting units × 2 periods × 3 forms, plus the header.
    expect(filed).toHaveLength(1 + 36);
    const w48 = filed.filter((row) => row[1] === 'tuần 48/2026').map((row) => [row[3], row[5]]);
    expect(w48).toEqual([['SNV', 'đúng hạn'], ['SYT', 'muộn'], ['SYT-BV', 'chưa nộp'], ['HNB', 'chưa nộp'], ['STP', 'chưa nộp'], ['SYT-CDC', 'chưa nộp']]);
    const due = filed.find((row) => row[1] === 'tuần 48/2026')?.[2] as Date;
    expect(due.toISOString()).toBe('2026-11-27T17:00:00.000Z'); // Friday 17:00 as Hanoi wall-clock time

    const below = rowsOf(workbook.getWorksheet('Dưới chỉ tiêu')).slice(1).map((row) => [row[1], row[3], row[4]]);
    expect(below).toContainEqual(['STP', 4, 5]);
    expect(below).toContainEqual(['SNV', 7, 8]);
    expect(rowsOf(workbook.getWorksheet('Không liên lạc được')).slice(1).map((row) => [row[0], row[1], row[2]])).toEqual([['Lê Thị Lan', 'Sở Tư pháp', 'telegram']]);
  });
});
