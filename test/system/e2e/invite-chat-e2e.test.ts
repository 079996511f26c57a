import { afterEach, describe, expect, it } from 'vitest';
import { TelegramBotHarness } from '../../support/telegram-bot-harness.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
const NOW = new Date('2026-11-27T03:00:00Z');

let bot: TelegramBotHarness | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

/** A Telegram user registered with an invitation for a unit and role. */
async function registered(b: TelegramBotHarness, userId: number, unit: string, role: 'reporter' | 'admin'): Promise<void> {
  const code = await b.invite(unit, role);
  expect(await b.say(userId, `/start ${code}`)).toContain('Chào mừng');
}

function codeIn(text: string): string {
  const match = text.match(/Mã: ([0-9A-Z]{5}-[0-9A-Z]{5})/);
  if (!match?.[1]) throw new Error(`no code in: ${text}`);
  return match[1];
}

describe('Telegram: /moi for admins', () => {
  it('should give an admin a working invitation with its deep link, and audit it', async () => {
    bot = await TelegramBotHarness.start(tempDir(), { now: NOW });
    await registered(bot, 8001, 'UBND', 'admin');
    const reply = await bot.say(8001, '/moi STP báo cáo');
    expect(reply).toContain('Mã mời cho Sở Tư pháp (STP), vai trò người báo cáo, dùng một lần, hạn đến 11/12/2026');
    const code = codeIn(reply);
    expect(reply).toContain(`Đường dẫn: https://t.me/${bot.tg.bot.username}?start=${code.replace('-', '')}`);

    const admin = await bot.prisma.channelIdentity.findUniqueOrThrow({ where: { channel_userId: { channel: 'telegram', userId: '8001' } } });
    const audit = await bot.prisma.auditLog.findMany({ where: { action: 'invite.create', actor: `contact:${admin.contactId}` } });
    expect(audit).toHaveLength(1);

    expect(await bot.say(8002, `/start ${code}`)).toContain('Bạn đã được đăng ký là người báo cáo của Sở Tư pháp');
    expect(await bot.say(8003, `/start ${code}`)).toContain('đã được dùng');
  });

  it('should accept the English command and role words, and a lower-case code', async () => {
    bot = await TelegramBotHarness.start(tempDir(), { now: NOW });
    await registered(bot, 8101, 'SYT', 'admin');
    const reply = await bot.say(8101, '/invite syt-cdc theodoi');
    expect(reply).toContain('Trung tâm Kiểm soát bệnh tật tỉnh (SYT-CDC), vai trò cán bộ theo dõi');
    expect(await bot.say(8102, `/start ${codeIn(reply)}`)).toContain('cán bộ theo dõi của Trung tâm Kiểm soát bệnh tật tỉnh');
  });

  it('should refuse units outside the admin\'s scope exactly like units that do not exist', async () => {
    bot = await TelegramBotHarness.start(tempDir(), { now: NOW });
    await registered(bot, 8201, 'SYT', 'admin');
    const outside = await bot.say(8201, '/moi STP');
    const missing = await bot.say(8201, '/moi KHONGCO');
    expect(outside).toBe('⚠️ Không có đơn vị “STP” trong các đơn vị bạn quản trị. Hãy kiểm tra lại mã.');
    expect(missing).toBe(outside.replace('STP', 'KHONGCO'));
    expect(await bot.say(8201, '/moi')).toContain('/moi <mã đơn vị> [baocao|theodoi|quantri]');
    expect(await bot.say(8201, '/moi SYT sep')).toContain('“sep” không phải vai trò');
    expect(await bot.prisma.invite.count({ where: { createdBy: { startsWith: 'contact:' } } })).toBe(0);
  });

  it('should politely refuse a reporter', async () => {
    bot = await TelegramBotHarness.start(tempDir(), { now: NOW });
    await registered(bot, 8301, 'STP', 'reporter');
    expect(await bot.say(8301, '/moi STP')).toBe('Xin lỗi, chỉ người quản trị mới tạo được mã mời. Nếu cần mã mời, xin liên hệ Sở Nội vụ.');
    expect(await bot.say(8301, '/invite STP', 'en')).toContain('Xin lỗi');
  });
});
