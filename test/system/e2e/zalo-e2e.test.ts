import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { formatInviteCode } from '../../../src/app/invite-codes.ts';
import { translate } from '../../../src/i18n/translator.ts';
import { toInboundMessage, zaloBotKey } from '../../../src/channels/zalo/zalo-updates.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { instantWhenOpen, waitFor, WEBHOOK_SECRET, ZALO_LIMIT, ZaloBotHarness, type HarnessOptions } from '../../support/zalo-bot-harness.ts';
import { ZaloUpdateFactory } from '../../support/zalo-update-factory.ts';

const tempDir = useTempDirs();
const running: ZaloBotHarness[] = [];

afterEach(async () => {
  for (const harness of running.splice(0).reverse()) await harness.close();
});

async function startBot(options: HarnessOptions, dir = tempDir()): Promise<ZaloBotHarness> {
  const harness = await ZaloBotHarness.start(dir, options);
  running.push(harness);
  return harness;
}

const WEEK = '2026-W48';
const MONTH = '2026-10';
const YEAR = '2026';
const TEXT_ONLY = 'chỉ đọc được tin nhắn chữ';

/** The stored answers of a submission and of its only revision, parsed. */
async function storedAnswers(bot: ZaloBotHarness, formId: string, periodKey: string) {
  const submission = await bot.submission(formId, periodKey);
  expect(submission).not.toBeNull();
  expect(submission?.revisions).toHaveLength(1);
  expect(submission?.revisions[0]?.channel).toBe('zalo');
  return {
    current: JSON.parse(submission?.answers ?? 'null') as unknown,
    revision: JSON.parse(submission?.revisions[0]?.answers ?? 'null') as unknown,
    late: submission?.late,
  };
}

describe('zalo end to end: registration', () => {
  it('should register with the code sent alone, dashed as handed out', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK) });
    const code = await bot.invite();
    const reply = await bot.ask('u1', formatInviteCode(code));
    expect(reply).toContain('Chào mừng Người dùng u1');
    expect(reply).toContain('người báo cáo của Sở Tư pháp');
    const identity = await bot.prisma.channelIdentity.findFirst({ where: { channel: 'zalo', userId: 'u1' } });
    expect(identity?.chatId).toBe('u1');
  });

  it('should register with /start and the code, with or without the dash, in lower case too', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK) });
    const dashed = await bot.invite();
    expect(await bot.ask('u1', `/start ${formatInviteCode(dashed)}`)).toContain('Chào mừng');
    const compact = await bot.invite();
    expect(await bot.ask('u2', `/start ${compact.toLowerCase()}`)).toContain('Chào mừng');
    const lowerAlone = await bot.invite();
    expect(await bot.ask('u3', formatInviteCode(lowerAlone).toLowerCase())).toContain('Chào mừng');
    expect(await bot.prisma.channelIdentity.count({ where: { channel: 'zalo' } })).toBe(3);
  });

  it('should refuse a wrong code and a used code', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK) });
    expect(await bot.ask('u1', 'ABCDE-FGHJK')).toContain('Mã mời không đúng');
    const code = await bot.invite();
    expect(await bot.ask('u1', code)).toContain('Chào mừng');
    expect(await bot.ask('u2', code)).toContain('Mã mời này đã được dùng');
    expect(await bot.prisma.channelIdentity.count({ where: { channel: 'zalo', userId: 'u2' } })).toBe(0);
  });

  it('should explain politely to a sender who is not registered', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK) });
    const reply = await bot.ask('stranger', '/baocao');
    expect(reply).toContain('Bạn chưa đăng ký dùng bot báo cáo');
    expect(reply).toContain('/start <mã mời>');
    expect(await bot.ask('stranger', 'Xin chào')).toContain('Bạn chưa đăng ký dùng bot báo cáo');
    expect(await bot.ask('stranger', '/start')).toContain('hãy gửi mã mời');
  });

  it('should throttle after five wrong codes in a row, even for a right one', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK) });
    const wrong = ['ABCDE-FGHJK', 'BCDEF-GHJKM', 'CDEFG-HJKMN', 'DEFGH-JKMNP', 'EFGHJ-KMNPQ'];
    for (const code of wrong) expect(await bot.ask('guesser', code)).toContain('Mã mời không đúng');
    expect(await bot.ask('guesser', 'FGHJK-MNPQR')).toContain('nhập sai mã quá nhiều lần');
    const right = await bot.invite();
    expect(await bot.ask('guesser', right)).toContain('nhập sai mã quá nhiều lần');
    expect(await bot.prisma.channelIdentity.count({ where: { channel: 'zalo', userId: 'guesser' } })).toBe(0);
  });
});

describe('zalo end to end: reports', () => {
  it('should take a complete monthly report answered by typing and store it exactly', async () => {
    const bot = await startBot({ now: instantWhenOpen('monthly_figures', MONTH) });
    await bot.register('u1');
    expect(await bot.startReport('u1', 'monthly_figures')).toContain('Câu 1/5');
    expect(await bot.ask('u1', '2')).toContain('Câu 2/5');
    expect(await bot.ask('u1', '1.240')).toContain('Câu 3/5');
    expect(await bot.ask('u1', '3')).toContain('Câu 4/5');
    expect(await bot.ask('u1', '1')).toContain('Câu 5/5');
    const summary = await bot.ask('u1', '0');
    expect(summary).toContain('Tóm tắt báo cáo');
    expect(summary).toContain('→ 1.240');
    expect(await bot.submission('monthly_figures', MONTH)).toBeNull();
    expect(await bot.ask('u1', 'OK')).toContain('Đã nhận báo cáo tháng 10/2026 của Sở Tư pháp');
    const stored = await storedAnswers(bot, 'monthly_figures', MONTH);
    const expected = { admitted: 2, members_current: 1240, inspections: 3, supervisions: 1, discipline_cases: 0 };
    expect(stored.current).toEqual(expected);
    expect(stored.revision).toEqual(expected);
    expect(stored.late).toBe(false);
  });

  it('should refuse bad answers with the reason and ask the same question again', async () => {
    const bot = await startBot({ now: instantWhenOpen('monthly_figures', MONTH) });
    await bot.register('u1');
    await bot.startReport('u1', 'monthly_figures');
    const notNumber = await bot.ask('u1', 'hai');
    expect(notNumber).toContain('Nhập một số nguyên');
    expect(notNumber).toContain('Câu 1/5');
    const negative = await bot.ask('u1', '-5');
    expect(negative).toContain('không nhỏ hơn 0');
    expect(negative).toContain('Câu 1/5');
    expect(await bot.ask('u1', '5')).toContain('Câu 2/5');
    const tooFew = await bot.ask('u1', '3');
    expect(tooFew).toContain('không nhỏ hơn số đảng viên mới kết nạp');
    expect(tooFew).toContain('Câu 2/5');
    expect(await bot.ask('u1', '50')).toContain('Câu 3/5');
  });

  it('should take choices by number and by label, without diacritics too, and store the weekly report', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK) });
    await bot.register('u1');
    const first = await bot.startReport('u1', 'weekly_status');
    expect(first).toContain('Câu 1/5');
    expect(first).toContain('1. Đúng tiến độ\n2. Chậm\n3. Vướng mắc');
    expect(await bot.ask('u1', '9')).toContain('Không có lựa chọn');
    expect(await bot.ask('u1', '2')).toContain('Câu 2/5');
    expect(await bot.ask('u1', 'cham')).toContain('Câu 3/5');
    expect(await bot.ask('u1', 'Đúng tiến độ')).toContain('Những việc đã làm');
    expect(await bot.ask('u1', 'Tổ chức hội nghị quán triệt Nghị quyết')).toContain('/boqua');
    const summary = await bot.ask('u1', '/boqua');
    expect(summary).toContain('→ Chậm');
    expect(await bot.ask('u1', 'ok')).toContain('Đã nhận báo cáo tuần 48/2026 của Sở Tư pháp');
    const stored = await storedAnswers(bot, 'weekly_status', WEEK);
    const expected = { p1_progress: 'behind', p2_progress: 'behind', p3_progress: 'on_track', work_done: 'Tổ chức hội nghị quán triệt Nghị quyết', support_needed: null };
    expect(stored.current).toEqual(expected);
    expect(stored.revision).toEqual(expected);
  });

  it('should take "chậm" with diacritics and "dung tien do" without', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK) });
    await bot.register('u1');
    await bot.startReport('u1', 'weekly_status');
    expect(await bot.ask('u1', 'chậm')).toContain('Câu 2/5');
    expect(await bot.ask('u1', 'dung tien do')).toContain('Câu 3/5');
    expect(await bot.ask('u1', 'ĐÚNG TIẾN ĐỘ')).toContain('Những việc đã làm');
  });

  it('should send the 19-answer yearly summary within the limit and store the yearly report exactly', async () => {
    const bot = await startBot({ now: instantWhenOpen('yearly_ratings', YEAR) });
    await bot.register('u1');
    expect(await bot.startReport('u1', 'yearly_ratings')).toContain('Câu 1/');
    const answers = ['1', '2', '3', '4', '10', '1', '2', '3', '4', '10', '5', '6', '7', '8', '26', '120', 'Có', '10'];
    for (const answer of answers) expect((await bot.say('u1', answer)).length).toBeGreaterThan(0);
    const summary = await bot.say('u1', '8');
    expect(summary.join('\n')).toContain('19. Trong đó, số trưởng thôn');
    for (const part of summary) expect(part.length).toBeLessThanOrEqual(ZALO_LIMIT);
    expect(await bot.ask('u1', 'OK')).toContain('Đã nhận báo cáo năm 2026 của Sở Tư pháp');
    const stored = await storedAnswers(bot, 'yearly_ratings', YEAR);
    const expected = {
      org_htxsnv: 1, org_httnv: 2, org_htnv: 3, org_khtnv: 4, org_total: 10,
      cell_htxsnv: 1, cell_httnv: 2, cell_htnv: 3, cell_khtnv: 4, cell_total: 10,
      member_htxsnv: 5, member_httnv: 6, member_htnv: 7, member_khtnv: 8, member_total: 26,
      members_dec31: 120, has_heads: 'yes', heads_total: 10, heads_members: 8,
    };
    expect(stored.current).toEqual(expected);
    expect(stored.revision).toEqual(expected);
  });

  it('should split a summary longer than 2000 characters into ordered parts that each fit', async () => {
    // The yearly summary fits in one message, so two long text answers make the summary long.
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK) });
    await bot.register('u1');
    await bot.startReport('u1', 'weekly_status');
    for (const answer of ['1', '1', '1']) await bot.say('u1', answer);
    const workDone = Array.from({ length: 40 }, (_, i) => `Việc ${String(i + 1).padStart(2, '0')}: hội nghị cơ sở`).join('; ').slice(0, 1000);
    const support = Array.from({ length: 40 }, (_, i) => `Đề xuất ${String(i + 1).padStart(2, '0')}: thêm kinh phí`).join('; ').slice(0, 1000);
    await bot.say('u1', workDone);
    const parts = await bot.say('u1', support);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(ZALO_LIMIT);
      expect(part.trim().length).toBeGreaterThan(0);
    }
    const joined = parts.join('\n');
    expect(joined.indexOf('Tóm tắt báo cáo')).toBe(0);
    expect(joined.indexOf('Việc 01')).toBeLessThan(joined.indexOf('Đề xuất 01'));
    expect(joined.indexOf('Đề xuất 01')).toBeLessThan(joined.indexOf('Kiểm tra lại các câu trả lời'));
    // Nothing is lost in the split: every word of both answers arrives.
    expect(joined.replace(/\s+/g, ' ')).toContain(workDone.replace(/\s+/g, ' '));
    expect(joined.replace(/\s+/g, ' ')).toContain(support.replace(/\s+/g, ' '));
    expect(await bot.ask('u1', 'OK')).toContain('Đã nhận báo cáo');
    const stored = await storedAnswers(bot, 'weekly_status', WEEK);
    expect(stored.current).toEqual({ p1_progress: 'on_track', p2_progress: 'on_track', p3_progress: 'on_track', work_done: workDone, support_needed: support });
  });

  it('should complete all three plan forms on Zalo in one registration', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK) });
    await bot.register('u1');
    await bot.startReport('u1', 'weekly_status');
    for (const answer of ['1', '2', '3', 'Thiếu cán bộ chuyên trách', 'Rà soát hồ sơ đảng viên', 'Bổ sung biên chế']) await bot.say('u1', answer);
    expect(await bot.ask('u1', 'OK')).toContain('Đã nhận báo cáo tuần 48/2026');
    expect((await storedAnswers(bot, 'weekly_status', WEEK)).current).toEqual({
      p1_progress: 'on_track',
      p2_progress: 'behind',
      p3_progress: 'blocked',
      blockers: 'Thiếu cán bộ chuyên trách',
      work_done: 'Rà soát hồ sơ đảng viên',
      support_needed: 'Bổ sung biên chế',
    });

    bot.clock.current = instantWhenOpen('monthly_figures', '2026-11');
    await bot.startReport('u1', 'monthly_figures');
    for (const answer of ['0', '87', '0', '2']) await bot.say('u1', answer);
    expect(await bot.ask('u1', '0')).toContain('Tóm tắt báo cáo');
    expect(await bot.ask('u1', 'OK')).toContain('Đã nhận báo cáo tháng 11/2026');
    expect((await storedAnswers(bot, 'monthly_figures', '2026-11')).current).toEqual({
      admitted: 0,
      members_current: 87,
      inspections: 0,
      supervisions: 2,
      discipline_cases: 0,
    });

    await bot.startReport('u1', 'yearly_ratings');
    for (const answer of ['3', '5', '0', '0', '8', '4', '6', '1', '0', '11', '20', '60', '5', '1', '86', '87']) await bot.say('u1', answer);
    expect(await bot.ask('u1', 'Không')).toContain('Tóm tắt báo cáo');
    expect(await bot.ask('u1', 'OK')).toContain('Đã nhận báo cáo năm 2026');
    expect((await storedAnswers(bot, 'yearly_ratings', YEAR)).current).toEqual({
      org_htxsnv: 3, org_httnv: 5, org_htnv: 0, org_khtnv: 0, org_total: 8,
      cell_htxsnv: 4, cell_httnv: 6, cell_htnv: 1, cell_khtnv: 0, cell_total: 11,
      member_htxsnv: 20, member_httnv: 60, member_htnv: 5, member_khtnv: 1, member_total: 86,
      members_dec31: 87, has_heads: 'no',
    });
  });
});

describe('zalo end to end: what else arrives', () => {
  it('should ask politely for text after a sticker, a photo or withheld content', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK) });
    await bot.register('u1');
    const sticker = await bot.exchange('u1', () => bot.emulator.userSendsSticker({ userId: 'u1', sticker: 'sticker-1' }));
    const photo = await bot.exchange('u1', () => bot.emulator.userSendsPhoto({ userId: 'u1', photo: 'https://example.com/p.jpg', caption: '12' }));
    const other = await bot.exchange('u1', () => bot.emulator.userSendsUnsupported({ userId: 'u1' }));
    const stranger = await bot.exchange('nobody', () => bot.emulator.userSendsSticker({ userId: 'nobody', sticker: 'sticker-2' }));
    for (const reply of [sticker, photo, other, stranger]) {
      expect(reply).toHaveLength(1);
      expect(reply[0]).toContain(TEXT_ONLY);
    }
  });

  it('should ignore group chats', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK) });
    bot.emulator.userSends({ userId: 'u9', chatId: 'group-1', chatType: 'GROUP', text: '/baocao' });
    await bot.pollsPassed();
    expect(bot.emulator.sent).toHaveLength(0);
    expect(await bot.prisma.inboundUpdate.count()).toBe(0);
  });

  it('should handle a message delivered twice only once, even after a restart', async () => {
    const dir = tempDir();
    const bot = await startBot({ now: instantWhenOpen('monthly_figures', MONTH) }, dir);
    await bot.register('u1');
    await bot.startReport('u1', 'monthly_figures');
    const update = bot.emulator.userSends({ userId: 'u1', text: '7' });
    await bot.handled(update);
    const repliesBefore = bot.emulator.messagesTo('u1').length;
    bot.emulator.redeliver(update.message.message_id);
    await bot.pollsPassed();
    expect(bot.emulator.messagesTo('u1')).toHaveLength(repliesBefore);

    const again = await bot.restart();
    running.push(again);
    again.emulator.redeliver(update.message.message_id);
    await again.pollsPassed();
    expect(again.emulator.messagesTo('u1')).toHaveLength(repliesBefore);
    expect(await again.prisma.inboundUpdate.count({ where: { updateKey: `message.text.received:${update.message.message_id}` } })).toBe(1);
    // The answer was stored once: the dialog is at question 2, not further.
    expect(await again.ask('u1', '/baocao')).toContain('Câu 2/5');
  });

  it('should answer a message that reuses a known message id with other content, and log it', async () => {
    const bot = await startBot({ now: instantWhenOpen('monthly_figures', MONTH) });
    await bot.register('u1');
    await bot.startReport('u1', 'monthly_figures');
    const update = bot.emulator.userSends({ userId: 'u1', text: '7' });
    await bot.handled(update);
    const before = bot.emulator.messagesTo('u1').length;
    bot.emulator.injectRawUpdate({ ...update, message: { ...update.message, text: '8', date: update.message.date + 60_000 } });
    await waitFor(() => (bot.emulator.messagesTo('u1').length > before ? true : undefined), 'a reply to the reused id');
    await bot.channel.settled();
    expect(bot.emulator.messagesTo('u1').at(-1)?.text).toContain('Câu 3/5');
    expect(bot.logs.text).toContain('already used by another update');
  });

  it('should survive empty polls (HTTP 408), 429 and 500 on getUpdates and answer the next message', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK), emulatorOptions: { emptyPollHttpStatus: 408, maxPollWaitMs: 50 } });
    await bot.emulator.waitForCalls('getUpdates', 3, 5000);
    bot.emulator.failNext('getUpdates', { status: 429, error_code: 429, description: 'Quota exceeded', retryAfterSeconds: 0 });
    bot.emulator.failNext('getUpdates', { status: 500 });
    bot.emulator.failNext('getUpdates', { drop: true });
    await bot.pollsPassed(4);
    expect(bot.channel.status()).toBe('running');
    expect(await bot.ask('stranger', '/baocao')).toContain('Bạn chưa đăng ký');
    const failures = bot.logs.lines.filter((line) => line['msg'] === 'zalo poll failed, retrying');
    expect(failures.length).toBeGreaterThanOrEqual(3);
  });

  it('should retry a reply refused with 429 or 500 and send it once', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK) });
    bot.emulator.failNext('sendMessage', { status: 429, error_code: 429, retryAfterSeconds: 0 });
    bot.emulator.failNext('sendMessage', { status: 502 });
    const reply = await bot.say('stranger', '/baocao');
    expect(reply).toHaveLength(1);
    expect(reply[0]).toContain('Bạn chưa đăng ký');
  });

  it('should give up on a reply refused with 403 and log it without the token', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK) });
    bot.emulator.failNext('sendMessage', { status: 403, error_code: 403, description: 'Forbidden' });
    expect(await bot.say('stranger', '/baocao')).toHaveLength(0);
    expect(bot.emulator.calls.filter((call) => call.method === 'sendMessage')).toHaveLength(1);
    expect(bot.logs.messages()).toContain('zalo reply not delivered');
    expect(bot.logs.text).not.toContain(bot.emulator.token);
    expect(await bot.ask('stranger', '/baocao')).toContain('Bạn chưa đăng ký');
  });

  it('should continue at the same question after a restart in the middle of a dialog', async () => {
    const dir = tempDir();
    const bot = await startBot({ now: instantWhenOpen('monthly_figures', MONTH) }, dir);
    await bot.register('u1');
    await bot.startReport('u1', 'monthly_figures');
    await bot.say('u1', '4');
    expect(await bot.ask('u1', '200')).toContain('Câu 3/5');
    const again = await bot.restart();
    running.push(again);
    expect(again.channel.status()).toBe('running');
    const resumed = await again.ask('u1', '2');
    expect(resumed).toContain('Câu 4/5');
    for (const answer of ['1', '0']) await again.say('u1', answer);
    expect(await again.ask('u1', 'OK')).toContain('Đã nhận báo cáo');
    expect((await storedAnswers(again, 'monthly_figures', MONTH)).current).toEqual({
      admitted: 4,
      members_current: 200,
      inspections: 2,
      supervisions: 1,
      discipline_cases: 0,
    });
  });
});

describe('zalo end to end: start-up failures', () => {
  it('should fail with a localised line about ZALO_BOT_TOKEN when the token is refused, never showing it', async () => {
    const wrongToken = '999999:wrong-secret-token-value';
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK), token: wrongToken });
    expect(bot.channel.status()).toBe('failed');
    expect(bot.logs.messages()).toContain(translate('vi', 'startup.zalo_bad_token'));
    expect(bot.logs.text).not.toContain(wrongToken);
    expect(bot.logs.text).not.toContain('wrong-secret');
  });

  it('should fail with a clear line when the Zalo server cannot be reached', async () => {
    const port = await closedPort();
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK), apiRoot: `http://127.0.0.1:${port}` });
    expect(bot.channel.status()).toBe('failed');
    expect(bot.logs.messages()).toContain(translate('vi', 'startup.zalo_unreachable'));
  });

  it('should stop polling and mark the channel failed when a poll answers 401', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK) });
    bot.emulator.failNext('getUpdates', { status: 401, error_code: 401, description: 'Unauthorized' });
    const start = Date.now();
    while (bot.channel.status() !== 'failed' && Date.now() - start < 5000) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(bot.channel.status()).toBe('failed');
    expect(bot.logs.messages()).toContain(translate('vi', 'startup.zalo_polling_stopped'));
  });
});

describe('zalo end to end: webhook', () => {
  async function post(bot: ZaloBotHarness, body: string, secret: string | null = WEBHOOK_SECRET): Promise<number> {
    const response = await fetch(bot.webhookUrl ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-bot-api-secret-token': secret }) },
      body,
      signal: AbortSignal.timeout(5000),
    });
    await response.arrayBuffer();
    return response.status;
  }

  it('should set the webhook, check the secret, refuse malformed bodies, accept both shapes and handle a repeat once', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK), webhook: true });
    expect(bot.channel.status()).toBe('running');
    expect(bot.emulator.state.webhook?.url).toBe(bot.webhookUrl);
    expect(bot.emulator.state.webhook?.secret).toBe(WEBHOOK_SECRET);
    expect(bot.emulator.calls.some((call) => call.method === 'getUpdates')).toBe(false);

    const factory = new ZaloUpdateFactory();
    const wrapped = factory.build({ userId: 'w1' }, { kind: 'text', text: '/baocao' });
    expect(await post(bot, JSON.stringify({ ok: true, result: wrapped }), 'wrong-secret-value')).toBe(401);
    expect(await post(bot, JSON.stringify({ ok: true, result: wrapped }), null)).toBe(401);
    expect(await post(bot, '{"ok": true, "result": ')).toBe(400);
    expect(await post(bot, JSON.stringify({ ok: true, result: { hello: 'world' } }))).toBe(400);
    expect(await post(bot, JSON.stringify([1, 2]))).toBe(400);
    expect(await bot.prisma.inboundUpdate.count()).toBe(0);
    expect(bot.emulator.sent).toHaveLength(0);

    expect(await post(bot, JSON.stringify({ ok: true, result: wrapped }))).toBe(200);
    await bot.handled(wrapped);
    expect(await post(bot, JSON.stringify({ ok: true, result: wrapped }))).toBe(200);
    await bot.channel.settled();
    const unwrapped = factory.build({ userId: 'w1' }, { kind: 'sticker', sticker: 's' });
    expect(await post(bot, JSON.stringify(unwrapped))).toBe(200);
    await bot.handled(unwrapped);
    const texts = bot.emulator.messagesTo('w1').map((message) => message.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('Bạn chưa đăng ký');
    expect(texts[1]).toContain(TEXT_ONLY);
    expect(await bot.prisma.inboundUpdate.count()).toBe(2);
  });

  it('should register and report through webhook deliveries from the platform, and drop a redelivery', async () => {
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK), webhook: true });
    await bot.register('u1');
    expect(await bot.startReport('u1', 'weekly_status')).toContain('Câu 1/5');
    const answer = bot.emulator.userSends({ userId: 'u1', text: '2' });
    await bot.handled(answer);
    const count = bot.emulator.messagesTo('u1').length;
    bot.emulator.redeliver(answer.message.message_id);
    const deliveries = await bot.emulator.waitForWebhookDeliveries(bot.emulator.webhookDeliveries.length + 1);
    expect(deliveries.at(-1)?.status).toBe(200);
    await bot.channel.settled();
    expect(bot.emulator.messagesTo('u1')).toHaveLength(count);
    expect(await bot.ask('u1', 'chậm')).toContain('Câu 3/5');
  });

  it('should handle at start an update kept but never handled (a crash), with no invitation code kept in clear', async () => {
    const dir = tempDir();
    const bot = await startBot({ now: instantWhenOpen('weekly_status', WEEK), webhook: true }, dir);
    const factory = new ZaloUpdateFactory();
    const code = await bot.invite();
    const updates = [factory.build({ userId: 'late' }, { kind: 'text', text: '/baocao' }), factory.build({ userId: 'new' }, { kind: 'text', text: code.toLowerCase() })];
    for (const update of updates) {
      const message = toInboundMessage(update, zaloBotKey(bot.emulator.token));
      if (!message) throw new Error('the update should be one the bot answers');
      await bot.core.inbound.hold(message);
    }
    const kept = await bot.prisma.inboundUpdate.findMany({ where: { status: 'pending' } });
    expect(kept).toHaveLength(2);
    const bare = code.replace('-', '');
    for (const row of kept) expect(row.payload?.toUpperCase()).not.toMatch(new RegExp(`${bare.slice(0, 5)}-?${bare.slice(5)}`));
    const again = await bot.restart();
    running.push(again);
    for (const update of updates) await again.handled(update);
    expect(again.emulator.messagesTo('late').map((message) => message.text).join('\n')).toContain('Bạn chưa đăng ký');
    expect(again.emulator.messagesTo('new').map((message) => message.text).join('\n')).toContain('Chào mừng');
    expect(await again.prisma.inboundUpdate.count({ where: { payload: { not: null } } })).toBe(0);
  });
});

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 1;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
