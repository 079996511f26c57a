import { describe, expect, it } from 'vitest';
import { checkHistory, type HistoryCheckContext } from '../../src/app/history/history-check.ts';
import { headerAliases, statusWords } from '../../src/app/history/import-history.ts';
import type { RawCell, RawSheet } from '../../src/exports/read-report-workbook.ts';
import { shippedForms } from '../app/digest/digest-fixtures.ts';

const forms = shippedForms();
const ctx: HistoryCheckContext = {
  forms: new Map(forms.map((form) => [form.id, new Map([[form.version, form]])])),
  units: [{ id: 2, code: 'SNV' }, { id: 3, code: 'STP' }],
  headers: headerAliases(),
  statusWords: statusWords(),
  timeZone: 'Asia/Ho_Chi_Minh',
  now: new Date('2026-11-29T01:00:00Z'),
  locale: 'vi',
};

const FIXED_VI = ['Mã đơn vị', 'Tên đơn vị', 'Đơn vị cấp trên', 'Kỳ báo cáo', 'Đánh giá', 'Thời gian nộp', 'Lần sửa'];
const FIXED_EN = ['Unit code', 'Unit name', 'Parent unit', 'Period', 'Status', 'Submitted at', 'Revision'];

/** A sheet of a form: the fixed headers, each question's header by name, then the rows (fixed cells then answers in question order). */
function sheet(name: string, formId: string, rows: RawCell[][], fixed = FIXED_VI): RawSheet {
  const form = forms.find((f) => f.id === formId);
  const questions = form?.questions.filter((q) => q.type !== 'note').map((q) => `${q.name}: …`) ?? [];
  return { name, rows: [{ line: 1, cells: [...fixed, ...questions] }, ...rows.map((cells, index) => ({ line: index + 2, cells }))] };
}

const monthly = (code: string, period: RawCell, status: RawCell = null, at: RawCell = null, answers: RawCell[] = [2, 100, 0, 0, 0]): RawCell[] => [code, null, null, period, status, at, null, ...answers];

describe('checking a history workbook (no storage)', () => {
  it('should read an English export, count an identical repeated row once, and pass over a missing unit', () => {
    const result = checkHistory([sheet('monthly_figures v1', 'monthly_figures', [monthly('SNV', '2026-03', 'late'), monthly('SNV', '2026-03', 'late'), monthly('STP', '2026-03', 'missing', null, [null, null, null, null, null])], FIXED_EN)], ctx);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ rows: 3, repeated: 1, skipped: 1 });
    expect(result.reports.map((r) => [r.unitCode, r.periodKey, r.late])).toEqual([['SNV', '2026-03', true]]);
  });

  it('should restore text the export guarded against formulas, take choices by any label, and drop irrelevant answers', () => {
    const weekly = sheet('weekly_status v1', 'weekly_status', [['STP', null, null, '2026-w05', null, null, null, 'Blocked', 2, 'đúng tiến độ', "'=thiếu kinh phí", "'-Họp chi bộ", null]]);
    const yearly = sheet('yearly_ratings v1', 'yearly_ratings', [['SNV', null, null, 2025, null, null, null, 1, 2, 0, 0, 3, 1, 2, 0, 0, 3, 1, 2, 0, 0, 3, 100, 'Không', 5, 4]]);
    const result = checkHistory([weekly, yearly], ctx);
    expect(result.problems).toEqual([]);
    expect(result.reports[0]).toMatchObject({ periodKey: '2026-W05', answers: { p1_progress: 'blocked', p2_progress: 'behind', p3_progress: 'on_track', blockers: '=thiếu kinh phí', work_done: '-Họp chi bộ' } });
    expect(result.reports[1]?.answers).not.toHaveProperty('heads_total');
    expect(result.reports[1]?.answers).toMatchObject({ has_heads: 'no', members_dec31: 100 });
  });

  it('should refuse sheets it cannot place and headers that do not fit the form version', () => {
    const noPeriod: RawSheet = { name: 'monthly_figures v1', rows: [{ line: 1, cells: ['Mã đơn vị', 'admitted: …', 'members_current', 'inspections', 'supervisions', 'discipline_cases', 'extra'] }] };
    const result = checkHistory([sheet('Sheet1', 'monthly_figures', []), sheet('monthly_figures v9', 'monthly_figures', []), noPeriod, { name: 'Hướng dẫn', rows: [{ line: 1, cells: ['Cột', 'Kiểu'] }] }], ctx);
    expect(result.problems.map((p) => [p.sheet, p.line, p.column ?? null, p.code])).toEqual([
      ['Sheet1', 1, null, 'history.problem.sheet_name'],
      ['monthly_figures v9', 1, null, 'history.problem.unknown_version'],
      ['monthly_figures v1', 1, null, 'history.problem.missing_column'],
      ['monthly_figures v1', 1, 'extra', 'history.problem.unknown_column'],
    ]);
    expect(checkHistory([{ name: 'Hướng dẫn', rows: [{ line: 1, cells: ['Cột'] }] }], ctx).problems.map((p) => p.code)).toEqual(['history.problem.no_report_sheet']);
  });

  it('should refuse a status, a time and a "missing" row it cannot take, naming their columns', () => {
    const result = checkHistory([sheet('monthly_figures v1', 'monthly_figures', [
      monthly('SNV', '2026-03', 'xong'),
      monthly('SNV', '2026-04', null, 'hôm qua'),
      monthly('SNV', '2026-05', null, '01/01/2027 08:00'),
      monthly('SNV', '2026-06', 'chưa nộp'),
      monthly('', '2026-07'),
      monthly('SNV', null),
    ])], ctx);
    expect(result.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [2, 'Đánh giá', 'history.problem.unknown_status'],
      [3, 'Thời gian nộp', 'history.problem.bad_time'],
      [4, 'Thời gian nộp', 'history.problem.time_in_future'],
      [5, 'Đánh giá', 'history.problem.missing_with_answers'],
      [6, 'Mã đơn vị', 'history.problem.unit_missing'],
      [7, 'Kỳ báo cáo', 'history.problem.period_missing'],
    ]);
    expect(result.reports).toEqual([]);
  });

  it('should take a submission time as the province wall clock and judge lateness by it when no status is given', () => {
    const result = checkHistory([sheet('monthly_figures v1', 'monthly_figures', [monthly('SNV', '2026-03', null, '05/04/2026 17:00'), monthly('STP', '2026-03', null, new Date(Date.UTC(2026, 3, 5, 17, 1)))])], ctx);
    expect(result.reports.map((r) => [r.submittedAt.toISOString(), r.late])).toEqual([
      ['2026-04-05T10:00:00.000Z', false],
      ['2026-04-05T10:01:00.000Z', true],
    ]);
  });
});
