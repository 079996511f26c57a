import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/storage/database.ts';
import { runCli } from '../support/run-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { freshHistoryTarget } from './history-fixtures.ts';

const tempDir = useTempDirs();
const clients: PrismaClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.$disconnect();
});

function values(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
  const rows: unknown[][] = [];
  sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('export --template: the export layout, empty, for a province to fill in', () => {
  it('should write the layout with a guide and the unit codes, and import what a province types into it', async () => {
    const dir = tempDir();
    const target = await freshHistoryTarget(dir);
    clients.push(target.prisma);
    const env = { DATABASE_URL: target.url, BOT_LOCALE: 'vi' };
    const out = join(dir, 'mau.xlsx');
    const written = await runCli(['export', '--template', '--form', 'monthly_figures', '--out', out], env);
    expect(written.stderr).toBe('');
    expect(written.stdout).toBe(`Đã ghi mẫu nhập số liệu của biểu mẫu monthly_figures (phiên bản 1, 6 đơn vị) vào ${out}.\n`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['monthly_figures v1', 'Hướng dẫn', 'Đơn vị']);
    const sheet = workbook.getWorksheet('monthly_figures v1');
    if (!sheet) throw new Error('no report sheet');
    const [header, ...rows] = values(sheet);
    expect(rows).toEqual([]);
    expect(header).toEqual([
      'Mã đơn vị', 'Tên đơn vị', 'Đơn vị cấp trên', 'Kỳ báo cáo', 'Đánh giá', 'Thời gian nộp', 'Lần sửa',
      'admitted: Số đảng viên mới được kết nạp trong tháng',
      'members_current: Tổng số đảng viên hiện có (đến cuối tháng)',
      'inspections: Số cuộc kiểm tra đã thực hiện',
      'supervisions: Số cuộc giám sát đã thực hiện',
      'discipline_cases: Số trường hợp bị thi hành kỷ luật đảng',
    ]);
    const guide = values(workbook.getWorksheet('Hướng dẫn')).map((row) => row.join(' | '));
    expect(guide).toContain('Kỳ báo cáo | mã kỳ | có | tháng, dạng NNNN-tt, vd. 2026-10');
    expect(guide).toContain('members_current: Tổng số đảng viên hiện có (đến cuối tháng) | số nguyên | có | nhỏ nhất 0; Tổng số đảng viên không được âm và không nhỏ hơn số đảng viên mới kết nạp');
    expect(values(workbook.getWorksheet('Đơn vị')).map((row) => row[0])).toEqual(['Mã đơn vị', 'HNB', 'SNV', 'STP', 'SYT', 'SYT-BV', 'SYT-CDC']);

    // What a province types: text keys, a key the spreadsheet turned into a date, figures as text the Vietnamese way.
    sheet.addRow(['SNV', null, null, '2026-03', null, null, null, 2, 1300, 0, 1, 0]);
    sheet.addRow(['snv', null, null, new Date(Date.UTC(2026, 3, 1)), 'muộn', '07/05/2026 15:30', null, '1', '1.302', 0, 0, 0]);
    sheet.addRow(['STP', 'Sở Tư pháp', null, '2026-03', 'chưa nộp', null, null, null, null, null, null, null]);
    await workbook.xlsx.writeFile(out);
    const imported = await runCli(['submissions', 'import', out], env);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe('Đã nhập 2 báo cáo (đánh dấu nhập từ số liệu cũ, đã duyệt); 0 báo cáo đã có sẵn, giữ nguyên; bỏ qua 1 dòng chưa nộp.\n  monthly_figures: 2026-03 (1), 2026-04 (1)\n');
    const stored = await target.prisma.submission.findMany({ orderBy: { periodKey: 'asc' } });
    expect(stored.map((row) => [row.periodKey, JSON.parse(row.answers), row.late])).toEqual([
      ['2026-03', { admitted: 2, members_current: 1300, inspections: 0, supervisions: 1, discipline_cases: 0 }, false],
      ['2026-04', { admitted: 1, members_current: 1302, inspections: 0, supervisions: 0, discipline_cases: 0 }, true],
    ]);
    // The database raised SNV's submissions version, so a running bot's cache of SNV's reports is renewed.
    expect(await target.prisma.cacheVersion.findUnique({ where: { name: `submissions:${stored[0]?.unitId}` } })).toMatchObject({ value: 2 });
    // No time given: the period's due time (5 April 17:00 in Hanoi); a time given: that time in Hanoi.
    expect(stored.map((row) => row.submittedAt.toISOString())).toEqual(['2026-04-05T10:00:00.000Z', '2026-05-07T08:30:00.000Z']);

    // The same unit and period with other figures: history never overwrites a stored report.
    sheet.getRow(2).getCell(8).value = 3;
    await workbook.xlsx.writeFile(out);
    const conflict = await runCli(['submissions', 'import', out], env);
    expect(conflict.status).toBe(1);
    expect(conflict.stderr).toContain(`- Trang “monthly_figures v1”, dòng 2: đã có báo cáo của SNV kỳ 2026-03 (số ${stored[0]?.id}) với câu trả lời khác; lệnh nhập không ghi đè báo cáo đã có.`);
    expect(JSON.parse((await target.prisma.submission.findFirstOrThrow({ where: { periodKey: '2026-03' } })).answers).admitted).toBe(2);
    expect(await target.prisma.submission.count()).toBe(2);
  }, 120_000);

  it('should say what is wrong with the options', async () => {
    const dir = tempDir();
    const env = { DATABASE_URL: `file:${join(dir, 'x.db')}`, BOT_LOCALE: 'vi' };
    const withPeriod = await runCli(['export', '--template', '--form', 'monthly_figures', '--period', '2026-10'], env);
    expect(withPeriod.status).toBe(1);
    expect(withPeriod.stderr).toContain('--template: mẫu trống không gắn với kỳ nào');
    const noPeriod = await runCli(['export', '--form', 'monthly_figures', '--out', join(dir, 'x.xlsx')], env);
    expect(noPeriod.status).toBe(1);
    expect(noPeriod.stderr).toContain('Thiếu tuỳ chọn bắt buộc --period <key>.');
  }, 60_000);
});
