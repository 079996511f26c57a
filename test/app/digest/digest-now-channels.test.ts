/**
 * `/tonghop` with Monday's pictures, end to end through the loopback channel emulators and the real
 * outbox sender: on Telegram the text, then the chart as a photo and the workbook as a document; on
 * Zalo the text and the chart as a link when PUBLIC_BASE_URL is set, the text alone without it; a
 * reporter gets their unit's text alone and an unregistered sender the polite refusal, nothing queued.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from '../queries/query-bot.ts';
import { TelegramBotHarness } from '../../support/telegram-bot-harness.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { ZaloBotHarness } from '../../support/zalo-bot-harness.ts';

const tempDir = useTempDirs();
const DECEMBER_3 = new Date('2026-12-03T03:00:00Z'); // 10:00 in Hanoi
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SLOW = { timeout: 90_000 };

let telegram: TelegramBotHarness | undefined;
let zalo: ZaloBotHarness | undefined;
afterEach(async () => {
  await telegram?.close();
  await zalo?.close();
  telegram = undefined;
  zalo = undefined;
});

describe('/tonghop with its chart and workbook', () => {
  it('should send a Telegram supervisor the text, then the chart as a photo and the workbook as a document', SLOW, async () => {
    telegram = await TelegramBotHarness.start(tempDir(), { now: DECEMBER_3 });
    telegram.bot.scheduling.sender.start();
    await join(telegram, 6101, 'SYT', 'supervisor');
    const before = telegram.tg.messagesTo(6101).length;
    const text = await telegram.say(6101, '/tonghop');
    expect(text).toContain('Phạm vi: Sở Y tế — 3 đơn vị báo cáo — ngày 03/12/2026');
    expect(text).toContain('Biểu đồ và bảng số liệu (Excel) sẽ được gửi ngay sau tin này.');
    const sent = (await telegram.tg.waitForMessages(6101, before + 3, 30_000)).slice(before);
    expect(sent.map((message) => message.method)).toEqual(['sendMessage', 'sendPhoto', 'sendDocument']);
    const [, photo, document] = sent;
    // Asked again on the same (faked) instant: a second delivery, not refused as a repeat.
    await telegram.say(6101, '/tonghop');
    expect((await telegram.tg.waitForMessages(6101, before + 6, 30_000)).slice(before + 3).map((message) => message.method)).toEqual(['sendMessage', 'sendPhoto', 'sendDocument']);
    expect(photo?.file?.bytes.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(photo?.caption ?? photo?.plainText).toBe('Biểu đồ các chỉ tiêu — Sở Y tế, ngày 03/12/2026');
    expect(document?.file?.filename).toBe('tong-hop-2026-12-03.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(document?.file?.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Chỉ tiêu', 'Nộp báo cáo', 'Duyệt báo cáo', 'Trả lại quá 3 ngày', 'Dưới chỉ tiêu', 'Không liên lạc được']);
    const filed: string[] = [];
    workbook.getWorksheet('Nộp báo cáo')?.eachRow((row) => filed.push(String(row.getCell(5).value)));
    expect(filed).toContain('Bệnh viện Đa khoa tỉnh');
    expect(filed).not.toContain('Sở Nội vụ');
    // Delivered by the outbox, as Monday's digest is: one message per request, sent, to this chat.
    const rows = await telegram.prisma.outboxMessage.findMany();
    expect(rows.map((row) => [row.kind, row.channel, row.chatId, row.status])).toEqual([['digest', 'telegram', '6101', 'sent'], ['digest', 'telegram', '6101', 'sent']]);
  });

  it('should give a reporter their unit’s text alone and an unregistered sender the refusal, queuing nothing', SLOW, async () => {
    telegram = await TelegramBotHarness.start(tempDir(), { now: DECEMBER_3 });
    telegram.bot.scheduling.sender.start();
    await join(telegram, 6102, 'STP', 'reporter');
    const reporter = await telegram.say(6102, '/tonghop');
    expect(reporter).toContain('Phạm vi: Sở Tư pháp — 1 đơn vị báo cáo');
    expect(reporter).not.toContain('Biểu đồ');
    const stranger = await telegram.say(6103, '/tonghop');
    expect(stranger).toContain('chưa đăng ký');
    expect(stranger).not.toContain('Phạm vi');
    // No files are drawn for either: nothing is queued, now or later.
    expect(await telegram.prisma.outboxMessage.count()).toBe(0);
    expect(telegram.tg.messagesTo(6102).filter((message) => message.method !== 'sendMessage')).toEqual([]);
  });

  it('should send a Zalo supervisor the text and the chart by its public link when PUBLIC_BASE_URL is set', SLOW, async () => {
    zalo = await ZaloBotHarness.start(tempDir(), { now: DECEMBER_3, env: { PUBLIC_BASE_URL: 'https://bao-cao.example.gov.vn' } });
    zalo.bot.scheduling.sender.start();
    expect(await zalo.ask('z-601', await zalo.invite('SYT', 'supervisor'))).toContain('Chào mừng');
    const text = await zalo.ask('z-601', '/tonghop');
    expect(text).toContain('Phạm vi: Sở Y tế — 3 đơn vị báo cáo — ngày 03/12/2026');
    expect(text).toContain('Biểu đồ sẽ được gửi ngay sau tin này.');
    await zalo.emulator.waitForCalls('sendPhoto', 1, 30_000);
    const [photo] = zalo.emulator.state.photos;
    expect(photo?.chatId).toBe('z-601');
    expect(photo?.caption).toBe('Biểu đồ các chỉ tiêu — Sở Y tế, ngày 03/12/2026');
    const path = /^https:\/\/bao-cao\.example\.gov\.vn(\/charts\/[\w-]+\.png)$/.exec(photo?.photo ?? '')?.[1];
    expect(path).toBeDefined();
    // The link leads to the chart this bot serves.
    const served = await fetch(`http://127.0.0.1:${zalo.bot.config.HTTP_PORT}${path}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).subarray(0, 8)).toEqual(PNG_MAGIC);
  });

  it('should send a Zalo supervisor the text alone without PUBLIC_BASE_URL', SLOW, async () => {
    zalo = await ZaloBotHarness.start(tempDir(), { now: DECEMBER_3 });
    zalo.bot.scheduling.sender.start();
    expect(await zalo.ask('z-602', await zalo.invite('SYT', 'supervisor'))).toContain('Chào mừng');
    const text = await zalo.ask('z-602', '/tonghop');
    expect(text).toContain('Phạm vi: Sở Y tế — 3 đơn vị báo cáo');
    expect(text).not.toContain('Biểu đồ');
    expect(await zalo.prisma.outboxMessage.count()).toBe(0);
    expect(zalo.emulator.state.photos).toEqual([]);
  });
});
