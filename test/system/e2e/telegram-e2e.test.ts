import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, freshPostgresDatabase } from '../../support/postgres.ts';
import { TelegramBotHarness, type BotProcessOptions } from '../../support/telegram-bot-harness.ts';
import { TelegramEmulator } from '../../support/telegram-emulator/index.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
const FRIDAY_W48 = new Date('2026-11-27T03:00:00Z'); // 10:00 in Hanoi: the weekly report of week 48 is open
const DECEMBER_3 = new Date('2026-12-03T03:00:00Z'); // weekly W49, monthly 2026-11 and yearly 2026 are all open

let bot: TelegramBotHarness | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
afterEach(async () => {
  await bot?.close();
  await dropDatabase?.();
  bot = undefined;
  dropDatabase = undefined;
});

describe.each(DATABASE_KINDS)('on %s', (kind) => {
  /** Starts the bot on a fresh database of the kind under test. */
  async function startBot(options: BotProcessOptions): Promise<TelegramBotHarness> {
    if (kind === 'postgresql') {
      const database = await freshPostgresDatabase();
      dropDatabase = database.drop;
      return TelegramBotHarness.start(tempDir(), { ...options, databaseUrl: database.url });
    }
    return TelegramBotHarness.start(tempDir(), options);
  }

  async function registeredReporter(now: Date, userId = 5001): Promise<TelegramBotHarness> {
    bot = await startBot({ now });
    const code = await bot.invite('STP', 'reporter');
    expect(await bot.say(userId, `/start ${code.replace('-', '')}`)).toContain('Chào mừng Nguyễn');
    return bot;
  }

  const WEEKLY_TEXT = 'Tổ chức hội nghị quán triệt <Nghị quyết 21> & triển khai';

  describe('Telegram: registration', () => {
    it('should bind a Telegram user with a good code and explain every bad case politely', async () => {
      bot = await startBot({ now: FRIDAY_W48 });
      expect(await bot.say(7001, 'xin chào')).toContain('chưa đăng ký');
      expect(await bot.say(7001, '/start')).toContain('mã mời');
      expect(await bot.say(7001, '/start ABCDE-23456')).toContain('Mã mời không đúng');
      const code = await bot.invite('STP', 'reporter');
      const welcome = await bot.say(7001, `/start ${code.replace('-', '')}`);
      expect(welcome).toContain('Chào mừng Nguyễn! Bạn đã được đăng ký là người báo cáo của Sở Tư pháp');
      expect(await bot.say(7002, `/start ${code}`)).toContain('đã được dùng');
      const expired = await bot.invite('STP', 'reporter', new Date(FRIDAY_W48.getTime() - 1000));
      expect(await bot.say(7003, `/start ${expired}`)).toContain('đã hết hạn');
      expect(await bot.say(7001, '/start')).toContain('đã đăng ký rồi');
      const identity = await bot.prisma.channelIdentity.findUniqueOrThrow({ where: { channel_userId: { channel: 'telegram', userId: '7001' } }, include: { contact: { include: { roles: { include: { unit: true } } } } } });
      expect(identity.contact.roles.map((r) => [r.unit.code, r.role])).toEqual([['STP', 'reporter']]);
      expect(await bot.prisma.channelIdentity.count({ where: { userId: { in: ['7002', '7003'] } } })).toBe(0);
    });

    it('should register the command menu in Vietnamese and English', async () => {
      bot = await startBot({ now: FRIDAY_W48 });
      await bot.tg.waitForCalls('setMyCommands', 3, 5000);
      expect(bot.tg.commands(undefined, 'vi').map((c) => c.command)).toContain('baocao');
      expect(bot.tg.commands(undefined, 'en').map((c) => c.command)).toContain('report');
    });

    it('should throttle repeated wrong codes', async () => {
      bot = await startBot({ now: FRIDAY_W48 });
      for (let attempt = 0; attempt < 5; attempt += 1) expect(await bot.say(7100, '/start ZZZZZ-ZZZZZ')).toContain('không đúng');
      const code = await bot.invite('STP', 'reporter');
      expect(await bot.say(7100, `/start ${code}`)).toContain('quá nhiều lần');
    });
  });

  describe('Telegram: reporting', () => {
    it('should take a complete weekly report with buttons and text, and store it exactly', async () => {
      const b = await registeredReporter(FRIDAY_W48);
      const first = await b.say(5001, '/baocao');
      expect(first).toContain('Câu 1/5');
      expect(await b.press(5001, 'Vướng mắc')).toContain('Câu 2/6');
      expect(await b.press(5001, 'Đúng tiến độ')).toContain('Câu 3/6');
      expect(await b.say(5001, 'cham')).toContain('Vướng mắc cụ thể');
      await b.say(5001, 'Thiếu cán bộ chuyên trách');
      await b.say(5001, WEEKLY_TEXT);
      const summary = await b.say(5001, '/boqua');
      expect(summary).toContain('Tóm tắt báo cáo');
      expect(summary).toContain(WEEKLY_TEXT);
      expect(await b.press(5001, '✅ Gửi báo cáo')).toContain('Đã nhận báo cáo tuần 48/2026 của Sở Tư pháp');
      expect(b.tg.unansweredCallbacks()).toEqual([]);
      const submission = await b.prisma.submission.findFirstOrThrow({ include: { revisions: true, unit: true } });
      expect(submission).toMatchObject({ formId: 'weekly_status', periodKey: '2026-W48', late: false, currentRevision: 1, unit: { code: 'STP' } });
      expect(JSON.parse(submission.answers)).toEqual({
        p1_progress: 'blocked',
        p2_progress: 'on_track',
        p3_progress: 'behind',
        blockers: 'Thiếu cán bộ chuyên trách',
        work_done: WEEKLY_TEXT,
        support_needed: null,
      });
      expect(submission.revisions).toHaveLength(1);
    });

    it('should refuse every kind of bad answer with the reason and ask again', async () => {
      const b = await registeredReporter(DECEMBER_3);
      expect(await b.say(5001, '/baocao')).toContain('Gõ số thứ tự của kỳ');
      expect(await b.say(5001, '9')).toContain('từ 1 đến 3');
      expect(await b.say(5001, '3')).toContain('Câu 1/');
      const notNumber = await b.say(5001, 'mười hai');
      expect(notNumber).toContain('số nguyên');
      expect(notNumber).toContain('Câu 1/');
      expect(await b.say(5001, '1,5')).toContain('số nguyên');
      expect(await b.say(5001, '-3')).toContain('Câu 1/');
      await b.say(5001, '2');
      await b.say(5001, '10');
      await b.say(5001, '1');
      await b.say(5001, '0');
      const mismatch = await b.say(5001, '14');
      expect(mismatch).toContain('Câu 5/');
      expect(mismatch).toMatch(/tổng|cộng/i);
      expect(await b.say(5001, '13')).toContain('Câu 6/');
      expect(await b.say(5001, 'có lẽ')).toContain('Câu 6/');
      expect(await b.say(5001, '')).toBeTruthy();
    });

    it('should complete the yearly ratings and the monthly figures, stored exactly', async () => {
      const b = await registeredReporter(DECEMBER_3);
      await b.say(5001, '/baocao');
      await b.say(5001, '3');
      const yearly = ['2', '10', '1', '0', '13', '5', '20', '3', '0', '28', '40', '300', '12', '2', '354', '340', 'có', '8', '8'];
      let last = '';
      for (const answer of yearly) last = await b.say(5001, answer);
      expect(last).toContain('Tóm tắt báo cáo');
      expect(await b.say(5001, 'ok')).toContain('Đã nhận báo cáo năm 2026');
      await b.say(5001, '/baocao');
      await b.say(5001, '2');
      for (const answer of ['3', '1.354', '2', '1', '0']) last = await b.say(5001, answer);
      expect(await b.say(5001, 'gửi')).toContain('Đã nhận báo cáo tháng 11/2026');
      const rows = await b.prisma.submission.findMany({ orderBy: { formId: 'asc' } });
      expect(rows.map((r) => [r.formId, r.periodKey])).toEqual([
        ['monthly_figures', '2026-11'],
        ['yearly_ratings', '2026'],
      ]);
      expect(JSON.parse(rows[0]?.answers ?? '{}')).toEqual({ admitted: 3, members_current: 1354, inspections: 2, supervisions: 1, discipline_cases: 0 });
      const yearlyAnswers = JSON.parse(rows[1]?.answers ?? '{}') as Record<string, unknown>;
      expect(yearlyAnswers).toMatchObject({ org_total: 13, cell_total: 28, member_total: 354, members_dec31: 340, has_heads: 'yes', heads_total: 8, heads_members: 8 });
    });

    it('should go back, skip, cancel and resume where the contact stopped', async () => {
      const b = await registeredReporter(FRIDAY_W48);
      await b.say(5001, '/baocao');
      await b.say(5001, '1');
      expect(await b.say(5001, '/boqua')).toContain('không thể bỏ qua');
      const back = await b.say(5001, '/quaylai');
      expect(back).toContain('Câu 1/5');
      expect(back).toContain('Câu trả lời hiện tại: Đúng tiến độ');
      await b.say(5001, '2');
      expect(await b.say(5001, '/huy')).toContain('Bản nháp được giữ lại');
      expect(await b.say(5001, 'xin chào')).toContain('/baocao');
      const resumed = await b.say(5001, '/baocao');
      expect(resumed).toContain('Tiếp tục');
      expect(resumed).toContain('Câu 2/5');
    });

    it('should continue at the same question after a restart on the same database', async () => {
      const b = await registeredReporter(FRIDAY_W48);
      await b.say(5001, '/baocao');
      await b.say(5001, '1');
      await b.say(5001, '2');
      await b.restart();
      expect(await b.say(5001, '3')).toContain('Vướng mắc cụ thể');
    });

    it('should handle the same update delivered twice only once', async () => {
      const b = await registeredReporter(FRIDAY_W48);
      await b.say(5001, '/baocao');
      const before = b.tg.messagesTo(5001).length;
      const update = b.tg.userSends({ userId: 5001, text: '1' });
      await b.tg.waitForMessages(5001, before + 1, 5000);
      b.tg.redeliver(update.update_id);
      await b.say(5001, '/trangthai');
      const texts = b.tg.messagesTo(5001).slice(before).map((m) => m.plainText ?? m.text ?? '');
      expect(texts.filter((t) => t.includes('Câu 2/5'))).toHaveLength(1);
      const state = await b.prisma.dialogState.findFirstOrThrow();
      expect(JSON.parse(state.state).sessions[Object.keys(JSON.parse(state.state).sessions)[0] as string].trail).toEqual(['p1_progress']);
    });

    it('should keep the earlier revision when a report is amended', async () => {
      const b = await registeredReporter(FRIDAY_W48);
      await b.say(5001, '/baocao');
      for (const answer of ['1', '1', '1', 'Hoàn thành kế hoạch tuần', '/boqua', 'ok']) await b.say(5001, answer);
      const amend = await b.say(5001, '/baocao');
      expect(amend).toContain('đã nộp báo cáo kỳ này');
      expect(await b.say(5001, '2')).toContain('Câu trả lời hiện tại: Đúng tiến độ');
      await b.say(5001, '2');
      expect(await b.say(5001, 'ok')).toContain('Đã cập nhật báo cáo');
      const submission = await b.prisma.submission.findFirstOrThrow({ include: { revisions: { orderBy: { revision: 'asc' } } } });
      expect(submission.currentRevision).toBe(2);
      expect(submission.revisions.map((r) => JSON.parse(r.answers).p2_progress)).toEqual(['on_track', 'behind']);
      expect(JSON.parse(submission.answers).p2_progress).toBe('behind');
    });

    it('should speak English after /language, and Vietnamese again after /ngonngu', async () => {
      const b = await registeredReporter(FRIDAY_W48);
      expect(await b.say(5001, '/language')).toBe('Switched to English.');
      expect(await b.say(5001, '/report')).toContain('Question 1/5');
      expect(await b.say(5001, 'on track')).toContain('Question 2/5');
      expect(await b.say(5001, '/ngonngu')).toBe('Đã chuyển sang tiếng Việt.');
      expect(await b.say(5001, '/trangthai')).toContain('Tình hình báo cáo');
    });

    it('should answer a sticker or a photo with a polite request for text', async () => {
      const b = await registeredReporter(FRIDAY_W48);
      const before = b.tg.messagesTo(5001).length;
      b.tg.userSendsSticker({ userId: 5001 });
      const [reply] = (await b.tg.waitForMessages(5001, before + 1, 5000)).slice(before);
      expect(reply?.text).toContain('chỉ đọc được tin nhắn chữ');
    });

    it('should never log the bot token or an invitation code', async () => {
      const b = await registeredReporter(FRIDAY_W48);
      const code = await b.invite('SNV', 'supervisor');
      await b.say(5002, `/start ${code}`);
      const logs = b.logs.join('');
      expect(logs).not.toContain(b.tg.token);
      expect(logs).not.toContain(code);
      expect(logs).not.toContain(code.replace('-', ''));
    });
  });

  describe('Telegram: webhook mode', () => {
    const secret = 'webhook_secret_for_tests_123';

    it('should check the secret, refuse malformed bodies, and process a repeated update once', async () => {
      bot = await startBot({ now: FRIDAY_W48, webhook: { url: (port) => `http://127.0.0.1:${port}/tg/hook`, secret } });
      expect(bot.tg.webhook?.url).toContain('/tg/hook');
      const body = JSON.stringify({ update_id: 99, message: { message_id: 1, date: 0, chat: { id: 8001, type: 'private' }, from: { id: 8001, is_bot: false, first_name: 'A' }, text: 'xin chào' } });
      expect(await bot.tg.postRawToWebhook(body, { 'X-Telegram-Bot-Api-Secret-Token': 'wrong' })).toBe(401);
      expect(await bot.tg.postRawToWebhook(body, { 'X-Telegram-Bot-Api-Secret-Token': null })).toBe(401);
      expect(await bot.prisma.inboundUpdate.count()).toBe(0);
      expect(await bot.tg.postRawToWebhook('{"update_id": 1, "message":', {})).toBe(400);
      expect(await bot.tg.postRawToWebhook('x'.repeat(1024 * 1024 + 10), {})).toBe(413);
      const code = await bot.invite('STP', 'reporter');
      expect(await bot.say(8002, `/start ${code}`)).toContain('Chào mừng');
      const before = bot.tg.messagesTo(8002).length;
      const update = bot.tg.userSends({ userId: 8002, text: '/baocao' });
      await bot.tg.waitForMessages(8002, before + 1, 5000);
      const deliveries = bot.tg.webhookDeliveries.length;
      bot.tg.redeliver(update.update_id);
      await bot.tg.waitForWebhookDeliveries(deliveries + 1, 5000);
      expect(await bot.say(8002, '1')).toContain('Câu 2/5');
      expect(bot.tg.messagesTo(8002).slice(before).filter((m) => (m.plainText ?? m.text ?? '').includes('Câu 1/5'))).toHaveLength(1);
    });

    it('should answer updates whose ids Telegram restarted, and say so in the log', async () => {
      bot = await startBot({ now: FRIDAY_W48, webhook: { url: (port) => `http://127.0.0.1:${port}/tg/hook`, secret } });
      const code = await bot.invite('STP', 'reporter');
      await bot.say(8003, `/start ${code}`);
      const before = bot.tg.messagesTo(8003).length;
      const first = bot.tg.userSends({ userId: 8003, text: '/baocao' });
      await bot.tg.waitForMessages(8003, before + 1, 5000);
      bot.tg.restartUpdateIds(first.update_id);
      expect(await bot.say(8003, '1')).toContain('Câu 2/5');
      expect(await bot.say(8003, '/huy')).toMatch(/tạm dừng|đã lưu/i);
      expect(bot.logs.join('')).toContain('already used by another update');
      const stored = await bot.prisma.inboundUpdate.findMany({ where: { updateKey: String(first.update_id) } });
      expect(stored).toHaveLength(1);
      expect(stored[0]?.payload).toBeNull();
    });
  });

  describe('a new bot on the same database', () => {
    it('should answer the new bot\'s updates even when their ids were used by the old bot', async () => {
      const dir = tempDir();
      const database = kind === 'postgresql' ? await freshPostgresDatabase() : undefined;
      dropDatabase = database?.drop;
      const options: BotProcessOptions = { now: FRIDAY_W48, ...(database ? { databaseUrl: database.url } : {}) };
      const old = await TelegramBotHarness.start(dir, options);
      const code = await old.invite('STP', 'reporter');
      await old.say(8101, `/start ${code}`);
      const firstId = old.tg.userSends({ userId: 8101, text: '/trangthai' }).update_id;
      await old.tg.waitForMessages(8101, 2, 5000);
      await old.close();
      const tg = await TelegramEmulator.start({ rateLimit: false, token: '7000000002:AANewBotTokenForTests_0123456789xyz' });
      tg.restartUpdateIds(firstId - 1);
      const renewed = await TelegramBotHarness.start(dir, options, tg);
      try {
        const again = await renewed.invite('STP', 'reporter');
        expect(await renewed.say(8101, `/start ${again}`)).toMatch(/đã đăng ký|Chào mừng|thêm vai trò|Vai trò/i);
        expect(await renewed.say(8101, '/trangthai')).toMatch(/Tình hình báo cáo/);
      } finally {
        await renewed.close();
      }
    });
  });
});
