/**
 * Issue 15's attacker and careless-user shapes, through the real bot and the Telegram emulator over
 * HTTP: period buttons that say which period they are, numbers with words, invisible answers and an
 * unknown language. Each bad input gets a clear Vietnamese reply and changes nothing stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TelegramBotHarness } from '../../support/telegram-bot-harness.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
const DECEMBER_3 = new Date('2026-12-03T03:00:00Z'); // weekly W49, monthly 2026-11 and yearly 2026 are all open
const USER = 5201;

let bot: TelegramBotHarness | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

async function reporter(): Promise<TelegramBotHarness> {
  bot = await TelegramBotHarness.start(tempDir(), { now: DECEMBER_3 });
  const code = await bot.invite('STP', 'reporter');
  expect(await bot.say(USER, `/start ${code}`)).toContain('Chào mừng');
  return bot;
}

function buttons(harness: TelegramBotHarness): string[] {
  const markup = harness.tg.lastMessageTo(USER)?.replyMarkup as { inline_keyboard?: Array<Array<{ text: string }>> } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((button) => button.text);
}

describe('hardening, end to end on Telegram', () => {
  it('shows which form and period each button is, refuses words after numbers and invisible answers, and an unknown language', async () => {
    const b = await reporter();
    const menu = await b.say(USER, '/baocao');
    expect(menu).toContain('Kết quả đánh giá, xếp loại hằng năm theo Kế hoạch 26-KH/BCSĐ — Sở Tư pháp — năm 2026');
    const labels = buttons(b);
    expect(labels).toEqual(expect.arrayContaining(['1. Tiến độ tuần, tuần 49/2026 · Sở Tư pháp', '2. Số liệu tháng, tháng 11/2026 · Sở Tư pháp', '3. Xếp loại năm, năm 2026 · Sở Tư pháp']));
    for (const label of labels) expect(label.length).toBeLessThanOrEqual(60);

    expect(await b.press(USER, 'Số liệu tháng, tháng 11/2026 · Sở Tư pháp')).toContain('Câu 1/');
    const thousands = await b.say(USER, '5 nghìn');
    expect(thousands).toContain('“5 nghìn” thì gõ 5000');
    expect(thousands).toContain('Câu 1/');
    expect(await b.say(USER, '3k')).toContain('gõ 3000');
    expect(await b.say(USER, '\u200b\u200b\u200b')).toContain('Vui lòng nhập câu trả lời');
    expect(await b.say(USER, '12 abc')).toContain('Chưa hiểu chữ “abc”');
    expect(await b.say(USER, '3')).toContain('Câu 2/');

    expect(await b.say(USER, '/ngonngu xx')).toContain('vi (Tiếng Việt), en (English)');
    const contact = await b.prisma.contact.findFirstOrThrow({ where: { identities: { some: { userId: String(USER) } } } });
    expect(contact.locale).toBe('vi');
    expect(await b.prisma.submission.count()).toBe(0);
  }, 60_000);
});
