/**
 * The review loop in the digest: per form and digest period, how many reports are new, accepted and
 * returned, and the returned reports waiting more than three days, in the chat text (both
 * languages), the workbook and `digest preview --json`, on a faked clock and within the reader's scope.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDigest, loadScope } from '../../../src/app/digest/digest-builder.ts';
import { digestReply } from '../../../src/app/digest/digest-reply.ts';
import { digestWorkbook } from '../../../src/app/digest/digest-workbook.ts';
import { replyText } from '../../../src/app/digest/message-text.ts';
import { isStaleReturn, shortReason } from '../../../src/domain/digest/index.ts';
import type { PrismaClient } from '../../../src/storage/database.ts';
import { runCli } from '../../support/run-process.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { MONDAY, reportDeps, seedDigestDatabase } from './digest-fixtures.ts';

const tempDir = useTempDirs();
let prisma: PrismaClient | undefined;
afterEach(async () => {
  await prisma?.$disconnect();
  prisma = undefined;
});

const DAY = 86_400_000;
const daysBefore = (days: number) => new Date(MONDAY.getTime() - days * DAY);
const LONG_REASON = 'Thiếu số liệu chương trình 3; đề nghị bổ sung kết quả kiểm tra, giám sát của quý IV trước khi gửi lại.';

/**
 * The hand-computed province with review states set: Sở Y tế's week 48 returned 4 days before
 * Monday, Sở Nội vụ's week 47 returned only 2 days before, Sở Tư pháp's 2025 ratings returned 10
 * days before, and Sở Nội vụ's week 45 (outside the digest's periods) returned 8 days before.
 */
async function seedWithReviews(dir: string) {
  const seeded = await seedDigestDatabase(dir);
  prisma = seeded.prisma;
  const db = seeded.prisma;
  const set = (unitId: number, formId: string, periodKey: string, reviewState: string, days: number, reviewReason: string | null = null) =>
    db.submission.update({ where: { unitId_formId_periodKey: { unitId, formId, periodKey } }, data: { reviewState, reviewReason, reviewedAt: daysBefore(days), reviewedBy: 'cli' } });
  await set(2, 'weekly_status', '2026-W48', 'accepted', 1);
  await set(4, 'weekly_status', '2026-W48', 'returned', 4, LONG_REASON);
  await set(2, 'weekly_status', '2026-W47', 'returned', 2, 'Sai tuần báo cáo');
  await set(3, 'monthly_figures', '2026-10', 'accepted', 1);
  await set(3, 'yearly_ratings', '2025', 'returned', 10, 'Tổng số tổ chức\nkhông khớp');
  const at = new Date('2026-11-13T09:00:00Z');
  await db.submission.create({
    data: { unitId: 2, formId: 'weekly_status', periodKey: '2026-W45', currentRevision: 1, formVersion: 1, answers: '{}', late: false, firstSubmittedAt: at, submittedAt: at, reviewState: 'returned', reviewReason: 'Chưa ghi việc đã làm', reviewedAt: daysBefore(8), reviewedBy: 'cli' },
  });
  return seeded;
}

async function digestAt(seeded: Awaited<ReturnType<typeof seedWithReviews>>, unitId: number, now: Date, fast = true) {
  const deps = reportDeps(seeded.prisma, fast ? seeded.path : undefined);
  const data = await buildDigest(deps, await loadScope(deps.source, [{ role: 'supervisor', unitId }]), now);
  deps.source.close();
  return data;
}

/** The lines of the review section, from its title to the blank line after it. */
function reviewSection(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(title);
  if (start < 0) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start, end < 0 ? undefined : end);
}

function rowsOf(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
  const rows: unknown[][] = [];
  sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('the review loop in the digest', () => {
  it('should count new, accepted and returned per form and period and name only returns older than three days', async () => {
    const seeded = await seedWithReviews(tempDir());
    const data = await digestAt(seeded, 1, MONDAY);
    expect(data.review.map(({ form, periods }) => [form.id, periods.map((p) => [p.window.key, p.counts.new, p.counts.accepted, p.counts.returned])])).toEqual([
      ['weekly_status', [['2026-W48', 0, 1, 1], ['2026-W47', 0, 0, 1]]],
      ['monthly_figures', [['2026-10', 1, 1, 0], ['2026-09', 1, 0, 0]]],
      ['yearly_ratings', [['2025', 2, 0, 1], ['2024', 1, 0, 0]]],
    ]);
    expect(reviewSection(replyText('vi', digestReply(data, 'vi')), 'Duyệt báo cáo')).toEqual([
      'Duyệt báo cáo',
      '• Tiến độ tuần — tuần 48/2026: mới 0, đã chấp nhận 1, trả lại 1',
      '• Tiến độ tuần — tuần 47/2026: mới 0, đã chấp nhận 0, trả lại 1',
      '• Số liệu tháng — tháng 10/2026: mới 1, đã chấp nhận 1, trả lại 0',
      '• Số liệu tháng — tháng 9/2026: mới 1, đã chấp nhận 0, trả lại 0',
      '• Xếp loại năm — năm 2025: mới 2, đã chấp nhận 0, trả lại 1',
      '• Xếp loại năm — năm 2024: mới 1, đã chấp nhận 0, trả lại 0',
      'Trả lại quá 3 ngày, chưa gửi lại (3):',
      '• Sở Tư pháp — Xếp loại năm, năm 2025: trả lại ngày 20/11/2026 (10 ngày) — “Tổng số tổ chức không khớp”',
      '• Sở Nội vụ — Tiến độ tuần, tuần 45/2026: trả lại ngày 22/11/2026 (8 ngày) — “Chưa ghi việc đã làm”',
      '• Sở Y tế — Tiến độ tuần, tuần 48/2026: trả lại ngày 26/11/2026 (4 ngày) — “Thiếu số liệu chương trình 3; đề nghị bổ sung kết quả kiểm…”',
    ]);
    expect(reviewSection(replyText('en', digestReply(data, 'en')), 'Review of reports')).toContain(
      '• Weekly progress — week 48 of 2026: new 0, accepted 1, returned 1',
    );
    expect(replyText('en', digestReply(data, 'en'))).toContain('• Sở Y tế — Weekly progress, week 48 of 2026: returned on 26/11/2026 (4 days) — “Thiếu số liệu chương trình 3; đề nghị bổ sung kết quả kiểm…”');
    // Sở Nội vụ's week 47, returned two days ago, is counted but not named.
    expect(replyText('vi', digestReply(data, 'vi'))).not.toContain('Sai tuần');
  });

  it('should name a return once the faked clock passes three days, and not at exactly three', async () => {
    const seeded = await seedWithReviews(tempDir());
    const exactlyThree = await digestAt(seeded, 1, new Date(daysBefore(2).getTime() + 3 * DAY));
    expect(replyText('vi', digestReply(exactlyThree, 'vi'))).not.toContain('Sai tuần');
    const later = await digestAt(seeded, 1, new Date(daysBefore(2).getTime() + 3 * DAY + 60_000));
    expect(replyText('vi', digestReply(later, 'vi'))).toContain('• Sở Nội vụ — Tiến độ tuần, tuần 47/2026: trả lại ngày 28/11/2026 (3 ngày) — “Sai tuần báo cáo”');
    expect(isStaleReturn(daysBefore(3), MONDAY)).toBe(false);
    expect(isStaleReturn(new Date(daysBefore(3).getTime() - 1), MONDAY)).toBe(true);
  });

  it('should keep a district supervisor to their own units', async () => {
    const seeded = await seedWithReviews(tempDir());
    const data = await digestAt(seeded, 4, MONDAY); // Sở Y tế and its two units
    const section = reviewSection(replyText('vi', digestReply(data, 'vi')), 'Duyệt báo cáo');
    expect(section).toEqual([
      'Duyệt báo cáo',
      '• Tiến độ tuần — tuần 48/2026: mới 0, đã chấp nhận 0, trả lại 1',
      '• Xếp loại năm — năm 2025: mới 1, đã chấp nhận 0, trả lại 0',
      'Trả lại quá 3 ngày, chưa gửi lại (1):',
      '• Sở Y tế — Tiến độ tuần, tuần 48/2026: trả lại ngày 26/11/2026 (4 ngày) — “Thiếu số liệu chương trình 3; đề nghị bổ sung kết quả kiểm…”',
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await digestWorkbook(data, 'vi')) as unknown as ArrayBuffer);
    const waiting = rowsOf(workbook.getWorksheet('Trả lại quá 3 ngày')).slice(1);
    expect(waiting.map((row) => [row[2], row[5]])).toEqual([['SYT', 4]]);
    expect(JSON.stringify(rowsOf(workbook.getWorksheet('Duyệt báo cáo')))).not.toMatch(/Sở Tư pháp|Sở Nội vụ/);
  });

  it('should put the same counts and the whole reason in the workbook', async () => {
    const seeded = await seedWithReviews(tempDir());
    const data = await digestAt(seeded, 1, MONDAY);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await digestWorkbook(data, 'vi')) as unknown as ArrayBuffer);
    const counts = rowsOf(workbook.getWorksheet('Duyệt báo cáo'));
    expect(counts[0]).toEqual(['Biểu mẫu', 'Kỳ báo cáo', 'Mới', 'Đã chấp nhận', 'Trả lại']);
    expect(counts.slice(1).map((row) => [row[1], row[2], row[3], row[4]])).toEqual([
      ['tuần 48/2026', 0, 1, 1],
      ['tuần 47/2026', 0, 0, 1],
      ['tháng 10/2026', 1, 1, 0],
      ['tháng 9/2026', 1, 0, 0],
      ['năm 2025', 2, 0, 1],
      ['năm 2024', 1, 0, 0],
    ]);
    const waiting = rowsOf(workbook.getWorksheet('Trả lại quá 3 ngày'));
    expect(waiting[0]).toEqual(['Biểu mẫu', 'Kỳ báo cáo', 'Mã đơn vị', 'Tên đơn vị', 'Ngày trả lại', 'Số ngày chờ', 'Lý do']);
    expect(waiting.slice(1).map((row) => [row[1], row[2], row[5], row[6]])).toEqual([
      ['tuần 45/2026', 'SNV', 8, 'Chưa ghi việc đã làm'],
      ['tuần 48/2026', 'SYT', 4, LONG_REASON],
      ['năm 2025', 'STP', 10, 'Tổng số tổ chức\nkhông khớp'],
    ]);
  });

  it('should read the same review through Prisma as through the SQLite fast path', async () => {
    const seeded = await seedWithReviews(tempDir());
    for (const unitId of [1, 4]) {
      const fast = await digestAt(seeded, unitId, MONDAY);
      const prismaOnly = await digestAt(seeded, unitId, MONDAY, false);
      expect(replyText('vi', digestReply(prismaOnly, 'vi'))).toBe(replyText('vi', digestReply(fast, 'vi')));
    }
  });

  it('should shorten a reason at a word, on one line', () => {
    expect(shortReason('Ngắn gọn')).toBe('Ngắn gọn');
    expect(shortReason('a\n  b')).toBe('a b');
    expect(shortReason(LONG_REASON)).toBe('Thiếu số liệu chương trình 3; đề nghị bổ sung kết quả kiểm…');
    expect(shortReason(LONG_REASON).length).toBeLessThanOrEqual(60);
  });

  it('should print the same figures with `digest preview --json` at a given time, within --scope', { timeout: 120_000 }, async () => {
    const seeded = await seedWithReviews(tempDir());
    await seeded.prisma.$disconnect();
    const env = { DATABASE_URL: `file:${seeded.path}` };
    const province = await runCli(['digest', 'preview', '--at', '2026-11-30T08:00', '--json'], env);
    expect(province.stderr).toBe('');
    expect(province.status).toBe(0);
    const json = JSON.parse(province.stdout);
    expect(json.generated_at).toBe(MONDAY.toISOString());
    expect(json.review.stale_after_days).toBe(3);
    expect(json.review.forms[0]).toEqual({
      form_id: 'weekly_status',
      periods: [
        { period: '2026-W48', new: 0, accepted: 1, returned: 1 },
        { period: '2026-W47', new: 0, accepted: 0, returned: 1 },
      ],
      returned_waiting: [
        { unit_code: 'SNV', unit_name: 'Sở Nội vụ', period: '2026-W45', returned_at: daysBefore(8).toISOString(), days: 8, reason: 'Chưa ghi việc đã làm' },
        { unit_code: 'SYT', unit_name: 'Sở Y tế', period: '2026-W48', returned_at: daysBefore(4).toISOString(), days: 4, reason: LONG_REASON },
      ],
    });
    expect(json.review.forms[2].returned_waiting.map((r: { unit_code: string }) => r.unit_code)).toEqual(['STP']);
    const syt = JSON.parse((await runCli(['digest', 'preview', '--scope', 'SYT', '--at', '2026-11-30T08:00', '--json'], env)).stdout);
    expect(syt.review.forms.flatMap((f: { returned_waiting: Array<{ unit_code: string }> }) => f.returned_waiting.map((r) => r.unit_code))).toEqual(['SYT']);
    expect(JSON.stringify(syt)).not.toMatch(/Sở Tư pháp|Sở Nội vụ|"STP"|"SNV"/);
    // Two days later on the command line's clock, Sở Nội vụ's week 47 has waited four days too.
    const later = JSON.parse((await runCli(['digest', 'preview', '--at', '2026-12-02T08:00', '--json'], env)).stdout);
    expect(later.review.forms[0].returned_waiting.map((r: { period: string; days: number }) => [r.period, r.days])).toEqual([['2026-W45', 10], ['2026-W48', 6], ['2026-W47', 4]]);
    const bad = await runCli(['digest', 'preview', '--at', 'tomorrow', '--json'], env);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('“tomorrow”');
  });
});
