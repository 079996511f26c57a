import { afterEach, describe, expect, it } from 'vitest';
import type { TelegramBotHarness } from '../../support/telegram-bot-harness.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { join, startQueryBot } from '../queries/query-bot.ts';
import { decideReview } from '../../../src/app/review/review-service.ts';
import { AuditRepository } from '../../../src/storage/repositories/audit-repository.ts';
import { ReportDataRepository } from '../../../src/storage/repositories/report-data-repository.ts';
import { ReviewRepository } from '../../../src/storage/repositories/review-repository.ts';

const tempDir = useTempDirs();
const DECEMBER_3 = new Date('2026-12-03T03:00:00Z'); // 10:00 in Hanoi
const WEEK_40 = '2026-W40'; // closed long ago

let bot: TelegramBotHarness | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

/** The user writes; resolves once `count` messages came back, joined. */
async function sayAll(b: TelegramBotHarness, userId: number, text: string, count: number): Promise<string> {
  const before = b.tg.messagesTo(userId).length;
  b.tg.userSends({ userId, text, firstName: 'Nguyễn', languageCode: 'vi' });
  const messages = await b.tg.waitForMessages(userId, before + count, 10_000);
  return messages.slice(before).map((m) => m.plainText ?? m.text).join('\n---\n');
}

const FIRST = { p1_progress: 'on_track', p2_progress: 'behind', p3_progress: 'on_track', blockers: 'Thiếu cán bộ', work_done: 'Họp chi bộ' };
const SECOND = { ...FIRST, p2_progress: 'on_track' };

/** A weekly report of STP in two revisions, as the dialog would have stored it; new, waiting for review. */
async function storeTwoRevisions(b: TelegramBotHarness, reporterId: number | null): Promise<number> {
  const unit = await b.prisma.unit.findUniqueOrThrow({ where: { code: 'STP' } });
  const at = new Date('2026-10-02T02:00:00Z');
  const later = new Date('2026-10-03T02:00:00Z');
  const submission = await b.prisma.submission.create({
    data: { unitId: unit.id, formId: 'weekly_status', periodKey: WEEK_40, currentRevision: 2, formVersion: 1, late: false, firstSubmittedAt: at, submittedAt: later, answers: JSON.stringify(SECOND) },
  });
  for (const [revision, answers, when] of [[1, FIRST, at], [2, SECOND, later]] as const) {
    await b.prisma.submissionRevision.create({ data: { submissionId: submission.id, revision, formVersion: 1, answers: JSON.stringify(answers), submittedAt: when, late: false, contactId: reporterId, channel: 'telegram' } });
  }
  return submission.id;
}

async function contactIdOf(b: TelegramBotHarness, userId: number): Promise<number> {
  return (await b.prisma.channelIdentity.findFirstOrThrow({ where: { channel: 'telegram', userId: String(userId) } })).contactId;
}

describe('review and return through Telegram', () => {
  it('should let a province supervisor return a report with a reason, reopen it for the unit after its period closed, and review the new revision', async () => {
    bot = await startQueryBot(tempDir(), DECEMBER_3);
    await join(bot, 7001, 'STP', 'reporter');
    await join(bot, 7002, 'UBND', 'supervisor');
    await join(bot, 7003, 'SYT', 'supervisor');
    const id = await storeTwoRevisions(bot, await contactIdOf(bot, 7001));

    // Who may review: not a reporter, not a supervisor of another subtree (the report looks unknown to them).
    expect(await bot.say(7001, '/duyet')).toBe('Chỉ cán bộ theo dõi hoặc quản trị mới duyệt được báo cáo.');
    expect(await bot.say(7003, '/duyet')).toBe('Không có báo cáo nào chờ duyệt.');
    expect(await bot.say(7003, `/duyet ${id}`)).toBe('Không tìm thấy báo cáo này trong phạm vi bạn duyệt.');

    const shown = await sayAll(bot, 7002, '/review', 2);
    expect(shown).toContain('Có 1 báo cáo chờ duyệt (cũ nhất trước):');
    expect(shown).toContain(`Báo cáo #${id}: Sở Tư pháp (STP)`);
    expect(shown).toContain('tuần 40/2026 — lần gửi 2');
    expect(shown).toContain('Thay đổi so với lần gửi 1:');
    expect(shown).toContain("• Chương trình 2 – Nâng cao chất lượng đội ngũ đảng viên: tiến độ?: Chậm → Đúng tiến độ");
    const buttons = (bot.tg.lastMessageTo(7002)?.replyMarkup as { inline_keyboard: Array<Array<{ text: string }>> }).inline_keyboard.flat().map((b) => b.text);
    expect(buttons).toEqual(['1. Chấp nhận', '2. Trả lại']);

    // Typed 2 (as on Zalo) asks for the reason; the next message is the reason.
    expect(await bot.say(7002, '2')).toContain('Vui lòng gửi lý do trả lại báo cáo của Sở Tư pháp');
    expect(await bot.say(7002, 'Số liệu chương trình 2 chưa khớp biên bản')).toContain(`Đã trả lại báo cáo #${id} của Sở Tư pháp`);
    const returned = await bot.prisma.submission.findUniqueOrThrow({ where: { id } });
    expect(returned).toMatchObject({ reviewState: 'returned', reviewReason: 'Số liệu chương trình 2 chưa khớp biên bản', reviewedBy: `contact:${await contactIdOf(bot, 7002)}` });
    const notice = await bot.prisma.outboxMessage.findFirstOrThrow({ where: { contactId: await contactIdOf(bot, 7001), kind: 'notice' } });
    expect(notice.payload).toContain('review.returned_notice');
    expect(notice.payload).toContain('Số liệu chương trình 2 chưa khớp biên bản');

    // The reporter amends it although week 40 closed long ago.
    // Offered first (its due date is the oldest), at its summary, with the reason.
    expect(bot.tg.messagesTo(7001).length).toBeGreaterThan(0);
    await bot.say(7001, '/baocao');
    const summary = await bot.say(7001, '1');
    expect(summary).toContain('tuần 40/2026');
    expect(summary).toContain('Báo cáo này đã bị trả lại. Lý do: Số liệu chương trình 2 chưa khớp biên bản');
    expect(await bot.say(7001, 'OK')).toContain('Sở Tư pháp');
    const resent = await bot.prisma.submission.findUniqueOrThrow({ where: { id } });
    expect(resent).toMatchObject({ reviewState: 'new', currentRevision: 3, reviewReason: null });
    await expect.poll(async () => (await bot!.prisma.outboxMessage.findMany({ where: { contactId: await contactIdOf(bot!, 7002) } })).map((m) => m.idempotencyKey)).toContain(`review-resent:${id}:3`);
    // Once sent again it is no longer offered after the close.
    expect(await bot.say(7001, '/baocao')).not.toContain('tuần 40/2026');

    // The reviewer accepts the new revision with the button.
    await sayAll(bot, 7002, `/duyet ${id}`, 1);
    expect(await bot.press(7002, 'Chấp nhận')).toContain(`Đã chấp nhận báo cáo #${id}`);
    expect((await bot.prisma.submission.findUniqueOrThrow({ where: { id } })).reviewState).toBe('accepted');
    // A stale button (the old revision) changes nothing.
    expect(await bot.say(7002, '1')).not.toContain('Đã chấp nhận');

    const actions = (await new AuditRepository(bot.prisma).list()).filter((entry) => entry.entity === 'submission').map((entry) => entry.action);
    expect(actions).toEqual(['submission.return', 'submission.resubmit', 'submission.accept']);
  });

  it('should let /huy give up a return and refuse an empty reason, leaving the report new and nobody told', async () => {
    bot = await startQueryBot(tempDir(), DECEMBER_3);
    await join(bot, 7102, 'UBND', 'admin');
    const id = await storeTwoRevisions(bot, null);
    await sayAll(bot, 7102, '/duyet', 2);
    expect(await bot.press(7102, 'Trả lại')).toContain('Vui lòng gửi lý do trả lại');
    expect(await bot.say(7102, '/huy')).toBe('Đã thôi trả lại; báo cáo vẫn chờ duyệt.');
    // The reason is no longer awaited: plain text goes to the dialog as usual.
    expect(await bot.say(7102, 'Sai số liệu')).not.toContain('Đã trả lại');
    const deps = reviewDeps(bot);
    const admin = { actor: `contact:${await contactIdOf(bot, 7102)}` as const, roles: [{ role: 'admin' as const, unitId: (await bot.prisma.unit.findUniqueOrThrow({ where: { code: 'UBND' } })).id }] };
    expect(await decideReview(deps, admin, id, { kind: 'return', reason: '   ' }, DECEMBER_3)).toEqual({ ok: false, code: 'review.reason_missing' });
    expect(await decideReview(deps, admin, id, { kind: 'return', reason: 'x'.repeat(1001) }, DECEMBER_3)).toEqual({ ok: false, code: 'review.reason_too_long' });
    expect(await decideReview(deps, admin, id, { kind: 'accept' }, DECEMBER_3, 1)).toEqual({ ok: false, code: 'review.changed' });
    expect(await decideReview(deps, admin, id + 100, { kind: 'accept' }, DECEMBER_3)).toEqual({ ok: false, code: 'review.not_found' });
    expect((await bot.prisma.submission.findUniqueOrThrow({ where: { id } })).reviewState).toBe('new');
    expect(await bot.prisma.outboxMessage.count()).toBe(0);
    expect((await decideReview(deps, admin, id, { kind: 'accept' }, DECEMBER_3)).ok).toBe(true);
    expect(await decideReview(deps, admin, id, { kind: 'accept' }, DECEMBER_3)).toEqual({ ok: false, code: 'review.not_new' });
  });
});

function reviewDeps(b: TelegramBotHarness) {
  return { store: new ReviewRepository(b.prisma), source: new ReportDataRepository(b.prisma), forms: b.core.forms, timeZone: 'Asia/Ho_Chi_Minh' };
}
