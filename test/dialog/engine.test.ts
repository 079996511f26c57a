import { describe, expect, it } from 'vitest';
import { loadDialogState, saveDialogState } from '../../src/dialog/dialog-state.ts';
import { context, option, Transcript } from './dialog-fixtures.ts';

const WEEK = '2026-W48';

describe('dialog engine: weekly report transcript', () => {
  it('should ask each question with progress, refuse bad answers, and submit after confirmation', () => {
    const t = new Transcript(context([option('weekly_status', WEEK)]));
    const first = t.send('/baocao');
    expect(first).toContain('Bắt đầu báo cáo');
    expect(first).not.toContain('quá hạn');
    expect(first).toContain('Câu 1/5');
    expect(first).toContain('1. Đúng tiến độ');
    expect(t.send('9')).toContain('Không có lựa chọn');
    expect(t.press(t.optionData('Đúng tiến độ'))).toContain('Câu 2/5');
    expect(t.send('cham')).toContain('Câu 3/5');
    expect(t.send('Đúng tiến độ')).toContain('Những việc đã làm');
    expect(t.send('ok')).toContain('ít nhất 3 ký tự');
    const optional = t.send('Tổ chức hội nghị quán triệt Nghị quyết');
    expect(optional).toContain('Câu 5/5');
    expect(optional).toContain('/boqua');
    const summary = t.send('/boqua');
    expect(summary).toContain('Tóm tắt báo cáo');
    expect(summary).toContain('→ Chậm');
    expect(t.submitted).toHaveLength(0);
    const thanks = t.send('OK');
    expect(thanks).toContain('Đã nhận báo cáo tuần 48/2026 của Sở Tư pháp');
    expect(t.submitted).toEqual([
      {
        formId: 'weekly_status',
        periodKey: WEEK,
        late: false,
        answers: { p1_progress: 'on_track', p2_progress: 'behind', p3_progress: 'on_track', work_done: 'Tổ chức hội nghị quán triệt Nghị quyết', support_needed: null },
      },
    ]);
    expect(t.state.mode).toBe('idle');
    expect(t.state.sessions).toEqual({});
  });

  it('should ask about blockers only when a programme is blocked', () => {
    const t = new Transcript(context([option('weekly_status', WEEK)]));
    expect(t.send('/report')).toContain('Câu 1/5');
    expect(t.send('3')).toContain('Câu 2/6');
  });

  it('should go back, keep the earlier answer visible, and skip only optional questions', () => {
    const t = new Transcript(context([option('weekly_status', WEEK)]));
    t.send('/baocao');
    t.send('1');
    expect(t.send('/boqua')).toContain('không thể bỏ qua');
    const back = t.send('/quaylai');
    expect(back).toContain('Câu 1/5');
    expect(back).toContain('Câu trả lời hiện tại: Đúng tiến độ');
    expect(t.send('/quaylai')).toContain('câu đầu tiên');
  });

  it('should offer help after three refused answers', () => {
    const t = new Transcript(context([option('monthly_figures', '2026-10')]));
    t.send('/baocao');
    t.send('abc');
    t.send('-5');
    const third = t.send('mười');
    expect(third).toContain('Cần giúp đỡ?');
    expect(third).toContain('/huy');
  });

  it('should keep the draft on cancel and resume at the same question, even after a reload', () => {
    const t = new Transcript(context([option('monthly_figures', '2026-10')]));
    t.send('/baocao');
    t.send('2');
    expect(t.send('/huy')).toContain('Bản nháp được giữ lại');
    t.state = loadDialogState(saveDialogState(t.state));
    const resumed = t.send('/baocao');
    expect(resumed).toContain('Tiếp tục báo cáo đang làm dở');
    expect(resumed).toContain('Câu 2/');
  });

  it('should change one answer from the summary by its number', () => {
    const t = new Transcript(context([option('monthly_figures', '2026-10')]));
    t.send('/baocao');
    for (const answer of ['2', '1.234', '1', '0', '0']) t.send(answer);
    expect(t.state.sessions[Object.keys(t.state.sessions)[0] ?? '']?.cursor).toBeNull();
    const edit = t.send('2');
    expect(edit).toContain('Câu trả lời hiện tại: 1.234');
    const back = t.send('1.240');
    expect(back).toContain('Tóm tắt báo cáo');
    expect(back).toContain('→ 1.240');
    t.send('xác nhận');
    expect(t.submitted[0]?.answers).toMatchObject({ admitted: 2, members_current: 1240 });
  });

  it('should list several open periods first and mark a late submission', () => {
    const late = context(
      [option('weekly_status', WEEK), option('monthly_figures', '2026-10', { dueAt: new Date('2026-11-05T10:00:00Z') })],
      { now: new Date('2026-11-27T03:00:00Z') },
    );
    const t = new Transcript(late);
    const list = t.send('/baocao');
    expect(list).toContain('Gõ số thứ tự của kỳ bạn muốn báo cáo');
    expect(list).toContain('1. Báo cáo tiến độ hằng tuần');
    expect(list).toContain('2. Số liệu hằng tháng');
    expect(t.send('7')).toContain('từ 1 đến 2');
    const overdue = t.send('2');
    expect(overdue).toContain('Câu 1/');
    expect(overdue).toContain('Đã quá hạn nộp: báo cáo này sẽ được ghi nhận là nộp muộn.');
    for (const answer of ['2', '120', '1', '0', '0']) t.send(answer);
    expect(t.send('ok')).toContain('nộp muộn');
    expect(t.submitted[0]?.late).toBe(true);
  });

  it('should open an amendment on the summary with the submitted answers', () => {
    const submitted = { answers: { admitted: 1, members_current: 50, inspections: 0, supervisions: 0, discipline_cases: 0 }, formVersion: 1, submittedAt: new Date('2026-11-03T02:00:00Z'), late: false };
    const t = new Transcript(context([option('monthly_figures', '2026-10', { submitted })]));
    const summary = t.send('/baocao');
    expect(summary).toContain('đã nộp báo cáo kỳ này');
    expect(summary).toContain('Tóm tắt báo cáo');
    t.send('1');
    t.send('3');
    expect(t.send('ok')).toContain('Đã cập nhật báo cáo');
    expect(t.submitted[0]?.answers.admitted).toBe(3);
  });

  it('should refuse to submit once the period has closed', () => {
    const ctx = context([option('weekly_status', WEEK)]);
    const t = new Transcript(ctx);
    t.send('/baocao');
    for (const answer of ['1', '1', '1', 'Đã làm nhiều việc', '/boqua']) t.send(answer);
    t.ctx = { ...ctx, now: new Date('2026-12-02T00:00:00Z') };
    expect(t.send('ok')).toContain('đã đóng');
    expect(t.submitted).toHaveLength(0);
  });

  it('should ignore a stale button from an earlier question', () => {
    const t = new Transcript(context([option('weekly_status', WEEK)]));
    t.send('/baocao');
    const firstChoice = t.optionData('Chậm');
    t.send('1');
    const stale = t.press(firstChoice);
    expect(stale).toContain('tin nhắn cũ');
    expect(stale).toContain('Câu 2/5');
  });

  it('should switch to English and back', () => {
    const t = new Transcript(context([option('weekly_status', WEEK)]));
    expect(t.send('/language')).toBe('Switched to English.');
    expect(t.send('/report')).toContain('Question 1/5');
    expect(t.send('/ngonngu vi')).toBe('Đã chuyển sang tiếng Việt.');
  });

  it.each(['xx', 'fr', 'tiếng Pháp', 'en-GB-x', '<b>vi</b>'])('should refuse the unknown language %j, list the languages and keep the current one', (asked) => {
    const t = new Transcript(context([option('weekly_status', WEEK)]));
    const refused = t.send(`/ngonngu ${asked}`);
    expect(refused).toContain('Không có ngôn ngữ');
    expect(refused).toContain('vi (Tiếng Việt), en (English)');
    expect(t.last?.effects).toEqual([]);
    expect(t.ctx.locale).toBe('vi');
    expect(t.send('/baocao')).toContain('Câu 1/5');
  });

  it('should refuse an unknown language button too', () => {
    const t = new Transcript(context([option('weekly_status', WEEK)]));
    expect(t.press('l:xx')).toContain('Không có ngôn ngữ “xx”');
    expect(t.last?.effects).toEqual([]);
    expect(t.press('l:en')).toBe('Switched to English.');
  });

  it('should explain status, help and unknown commands', () => {
    const t = new Transcript(context([option('weekly_status', WEEK)]));
    expect(t.send('/trangthai')).toContain('chưa nộp, hạn 17:00 27/11/2026');
    expect(t.send('/trogiup')).toContain('/baocao');
    expect(t.send('/xyz')).toContain('Lệnh này không có');
    expect(t.send('xin chào')).toContain('Gõ /baocao');
  });

  it('should say so when nothing is open', () => {
    expect(new Transcript(context([])).send('/baocao')).toContain('không có kỳ báo cáo nào đang mở');
  });

  it('should start afresh from a state of another version', () => {
    expect(loadDialogState('{"v":99,"mode":"session"}').mode).toBe('idle');
    expect(loadDialogState('not json').mode).toBe('idle');
  });
});
