import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/storage/database.ts';
import { runCli } from '../support/run-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { fill, freshHistoryTarget, template } from './history-fixtures.ts';

const tempDir = useTempDirs();
const clients: PrismaClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.$disconnect();
});

const good = { 'Mã đơn vị': 'SNV', 'Kỳ báo cáo': '2026-03', admitted: 2, members_current: 1300, inspections: 0, supervisions: 1, discipline_cases: 0 };

describe('submissions import refuses bad rows, naming the sheet, the row and the column', () => {
  it('should list every bad row of a workbook and store nothing, not even its good rows', async () => {
    const dir = tempDir();
    const target = await freshHistoryTarget(dir);
    clients.push(target.prisma);
    const monthly = await template('monthly_figures');
    const sheet = monthly.getWorksheet('monthly_figures v1');
    if (!sheet) throw new Error('no sheet');
    const lines = fill(sheet, [
      good,
      { ...good, 'Mã đơn vị': 'XYZ' },
      { ...good, 'Kỳ báo cáo': '2026-W10' },
      { ...good, 'Kỳ báo cáo': 'tháng 3' },
      { ...good, 'Kỳ báo cáo': '2099-01' },
      { ...good, admitted: -1 },
      { ...good, inspections: 'nhiều' },
      { ...good, members_current: 1.5 },
      { ...good, members_current: null },
      { ...good, members_current: 1, admitted: 5 },
      { ...good, 'Mã đơn vị': 'STP', admitted: 1 },
      { ...good, 'Mã đơn vị': 'STP', admitted: 4 },
    ]);
    const weekly = await template('weekly_status');
    const weeklySheet = weekly.getWorksheet('weekly_status v1');
    if (!weeklySheet) throw new Error('no sheet');
    const weeklyLines = fill(weeklySheet, [{ 'Mã đơn vị': 'SNV', 'Kỳ báo cáo': '2026-W10', p1_progress: 'Rất tốt', p2_progress: 'Chậm', p3_progress: 'Đúng tiến độ', work_done: 'Họp' }]);
    const copy = monthly.addWorksheet('weekly_status v1');
    weeklySheet.eachRow((row) => copy.addRow((row.values as unknown[]).slice(1)));
    const unknownForm = monthly.addWorksheet('quarterly_review v1');
    unknownForm.addRow((sheet.getRow(1).values as unknown[]).slice(1));
    const file = join(dir, 'so-lieu-cu.xlsx');
    await monthly.xlsx.writeFile(file);

    const result = await runCli(['submissions', 'import', file, '--json'], { DATABASE_URL: target.url, BOT_LOCALE: 'vi' });
    expect(result.status).toBe(1);
    const [, unknownUnit, weekKey, notAPeriod, future, negative, notANumber, notWhole, missing, crossField, firstStp, secondStp] = lines;
    const at = (line: number | undefined, column: string, message: string) => `- Trang “monthly_figures v1”, dòng ${line}, cột “${column}”: ${message}`;
    const admittedColumn = 'admitted: Số đảng viên mới được kết nạp trong tháng';
    const membersColumn = 'members_current: Tổng số đảng viên hiện có (đến cuối tháng)';
    const expected = [
      at(unknownUnit, 'Mã đơn vị', 'không có đơn vị mã “XYZ”. Gõ units list để xem danh sách.'),
      at(weekKey, 'Kỳ báo cáo', 'kỳ “2026-W10” không đúng loại kỳ của biểu mẫu monthly_figures; vd. 2026-10.'),
      at(notAPeriod, 'Kỳ báo cáo', '“tháng 3” không phải mã kỳ báo cáo; vd. 2026-10.'),
      at(future, 'Kỳ báo cáo', 'kỳ 2099-01 chưa bắt đầu: chỉ nhập được số liệu của các kỳ đã qua.'),
      at(negative, admittedColumn, 'Vui lòng nhập một số không nhỏ hơn 0.'),
      at(notANumber, 'inspections: Số cuộc kiểm tra đã thực hiện', 'Vui lòng nhập một số nguyên, ví dụ 12.'),
      at(notWhole, membersColumn, 'Vui lòng nhập một số nguyên, ví dụ 12.'),
      at(missing, membersColumn, 'Câu hỏi này bắt buộc, không thể bỏ qua. Vui lòng nhập câu trả lời.'),
      at(crossField, membersColumn, 'Tổng số đảng viên không được âm và không nhỏ hơn số đảng viên mới kết nạp.'),
      `- Trang “monthly_figures v1”, dòng ${secondStp}: báo cáo của STP kỳ 2026-03 đã có ở trang “monthly_figures v1”, dòng ${firstStp}, với câu trả lời khác.`,
      `- Trang “weekly_status v1”, dòng ${weeklyLines[0]}, cột “p1_progress: Chương trình 1 – Củng cố, nâng cao năng lực lãnh đạo, sức chiến đấu của tổ chức cơ sở đảng: tiến độ?”: Không có lựa chọn “Rất tốt”. Vui lòng chọn số từ 1 đến 3 hoặc gõ tên lựa chọn.`,
      '- Trang “quarterly_review v1”, dòng 1: không có biểu mẫu “quarterly_review”. Các biểu mẫu: monthly_figures, weekly_status, yearly_ratings.',
    ];
    expect(result.stderr.trim().split('\n')).toEqual([`Tệp có ${expected.length} lỗi. Chưa ghi gì vào cơ sở dữ liệu:`, ...expected]);
    const json = JSON.parse(result.stdout) as { ok: boolean; problems: Array<{ sheet: string; line: number; column: string | null; code: string }> };
    expect(json.ok).toBe(false);
    expect(json.problems.map((p) => [p.line, p.code])).toContainEqual([unknownUnit, 'history.problem.unknown_unit']);
    expect(json.problems.map((p) => p.code)).toContain('answers.required');
    expect(await target.prisma.submission.count()).toBe(0);
    expect(await target.prisma.auditLog.count()).toBe(0);
  }, 120_000);
});

describe('submissions import refuses what is not a report workbook', () => {
  it('should refuse a file that is not a workbook, and a missing file, in the operator language', async () => {
    const dir = tempDir();
    const target = await freshHistoryTarget(dir);
    clients.push(target.prisma);
    const env = { DATABASE_URL: target.url, BOT_LOCALE: 'vi' };
    const fake = join(dir, 'bao-cao.xlsx');
    writeFileSync(fake, 'Mã đơn vị;Kỳ báo cáo\nSNV;2026-03\n');
    const notWorkbook = await runCli(['submissions', 'import', fake], env);
    expect(notWorkbook.status).toBe(1);
    expect(notWorkbook.stderr).toBe('Tệp có 1 lỗi. Chưa ghi gì vào cơ sở dữ liệu:\n- tệp bao-cao.xlsx không phải sổ làm việc Excel .xlsx (hoặc tệp bị hỏng).\n');
    const missing = await runCli(['submissions', 'import', join(dir, 'khong-co.xlsx')], { ...env, BOT_LOCALE: 'en' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Cannot read the file');
    expect(missing.stderr).not.toContain('    at ');
    expect(await target.prisma.submission.count()).toBe(0);
  }, 60_000);
});
