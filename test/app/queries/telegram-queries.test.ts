import { afterEach, describe, expect, it } from 'vitest';
import type { TelegramBotHarness } from '../../support/telegram-bot-harness.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { join, startQueryBot } from './query-bot.ts';

const tempDir = useTempDirs();
const DECEMBER_3 = new Date('2026-12-03T03:00:00Z'); // 10:00 in Hanoi: weekly W49, monthly 2026-11 and yearly 2026 are open

let bot: TelegramBotHarness | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

async function fileWeekly(b: TelegramBotHarness, unitCode: string, periodKey: string): Promise<void> {
  const unit = await b.prisma.unit.findUniqueOrThrow({ where: { code: unitCode } });
  const at = new Date('2026-12-03T02:00:00Z');
  await b.prisma.submission.create({
    data: { unitId: unit.id, formId: 'weekly_status', periodKey, currentRevision: 1, formVersion: 1, late: false, firstSubmittedAt: at, submittedAt: at, answers: JSON.stringify({ p1_progress: 'on_track', p2_progress: 'on_track', p3_progress: 'on_track', work_done: 'Họp' }) },
  });
}

describe('supervisor queries through Telegram', () => {
  it('should keep a supervisor of Sở Y tế to its sub-units and answer an outside unit without revealing it', async () => {
    bot = await startQueryBot(tempDir(), DECEMBER_3);
    await join(bot, 6001, 'SYT', 'supervisor');
    const digest = await bot.say(6001, '/tonghop');
    expect(digest).toContain('Tổng hợp tình hình thực hiện Kế hoạch 26-KH/BCSĐ');
    expect(digest).toContain('Phạm vi: Sở Y tế — 3 đơn vị báo cáo — ngày 03/12/2026');
    expect(digest).toContain('Bệnh viện Đa khoa tỉnh');
    expect(digest).not.toMatch(/Sở Nội vụ|Sở Tư pháp|Hội Nhà báo/);
    const outside = await bot.say(6001, '/donvi so noi vu');
    expect(outside).toBe('Không tìm thấy đơn vị “so noi vu” trong phạm vi bạn theo dõi. Hãy thử tên khác hoặc mã đơn vị.');
    expect(await bot.say(6001, '/donvi SNV')).toBe('Không tìm thấy đơn vị “SNV” trong phạm vi bạn theo dõi. Hãy thử tên khác hoặc mã đơn vị.');
    const missing = await bot.say(6001, '/chuabaocao');
    expect(missing).toContain('Đơn vị chưa nộp báo cáo — Sở Y tế');
    expect(missing).toContain('- Trung tâm Kiểm soát bệnh tật tỉnh (SYT-CDC)');
    expect(missing).not.toContain('Sở Nội vụ');
    expect(await bot.say(6001, '/chiso')).toContain('Các chỉ tiêu của Kế hoạch — Sở Y tế — ngày 03/12/2026');
    // A forged button for a unit outside the scope gets the same polite answer as a vanished one.
    const snv = await bot.prisma.unit.findUniqueOrThrow({ where: { code: 'SNV' } });
    const before = bot.tg.messagesTo(6001).length;
    bot.tg.userPresses({ userId: 6001, messageId: bot.tg.lastMessageTo(6001)?.messageId ?? 0, data: `u:${snv.id}` });
    const [forged] = (await bot.tg.waitForMessages(6001, before + 1, 10_000)).slice(before);
    expect(forged?.plainText ?? forged?.text).toBe('Đơn vị này không thuộc phạm vi bạn theo dõi hoặc không còn hoạt động.');
  });

  it('should find "so noi vu" for the province supervisor and offer a choice when several units match', async () => {
    bot = await startQueryBot(tempDir(), DECEMBER_3);
    await fileWeekly(bot, 'SNV', '2026-W49');
    await join(bot, 6002, 'UBND', 'supervisor');
    const unit = await bot.say(6002, '/donvi so noi vu');
    expect(unit).toContain('Sở Nội vụ (SNV)');
    expect(unit).toContain('Trực thuộc: Uỷ ban nhân dân tỉnh');
    expect(unit).toContain('tuần 49/2026: đã nộp đúng hạn lúc 09:00 03/12/2026');
    const choice = await bot.say(6002, '/donvi hoi');
    expect(choice).toContain('Có 8 đơn vị phù hợp'); // six Hội, the Liên hiệp các Hội, and "Xã hội"
    const buttons = (bot.tg.lastMessageTo(6002)?.replyMarkup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard.flat();
    expect(buttons.map((b) => b.text)).toContain('5. Hội Nhà báo tỉnh (HNB)');
    expect(buttons.every((b) => /^u:\d+$/.test(b.callback_data))).toBe(true);
    const picked = await bot.press(6002, 'Hội Nhà báo tỉnh (HNB)');
    expect(picked).toContain('Hội Nhà báo tỉnh (HNB)');
    expect(picked).toContain('Tình hình nộp báo cáo');
    expect(bot.tg.unansweredCallbacks()).toEqual([]);
    expect(await bot.say(6002, '/donvi hnb')).toContain('Hội Nhà báo tỉnh (HNB)');
    expect(await bot.say(6002, '/donvi')).toContain('Gõ /donvi kèm tên hoặc mã đơn vị');
  });

  it('should let a reporter query only their own unit, and answer in English after /language', async () => {
    bot = await startQueryBot(tempDir(), DECEMBER_3);
    await join(bot, 6003, 'STP', 'reporter');
    expect(await bot.say(6003, '/donvi SNV')).toContain('Không tìm thấy đơn vị “SNV”');
    expect(await bot.say(6003, '/donvi so tu phap')).toContain('Sở Tư pháp (STP)');
    expect(await bot.say(6003, '/tonghop')).toContain('Phạm vi: Sở Tư pháp — 1 đơn vị báo cáo');
    await bot.say(6003, '/language');
    expect(await bot.say(6003, '/unit so tu phap')).toContain('Reports filed');
  });

  it('should show nothing to a sender who is not registered', async () => {
    bot = await startQueryBot(tempDir(), DECEMBER_3);
    const reply = await bot.say(6004, '/tonghop');
    expect(reply).toContain('chưa đăng ký');
    expect(reply).not.toContain('Phạm vi');
  });
});
