import { afterEach, describe, expect, it } from 'vitest';
import { TelegramOutboxTransport } from '../../src/channels/telegram/telegram-outbox-sender.ts';
import type { OutboxPayload } from '../../src/app/outbox-payload.ts';
import { join } from '../app/queries/query-bot.ts';
import { TelegramBotHarness } from '../support/telegram-bot-harness.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { ZaloBotHarness } from '../support/zalo-bot-harness.ts';
import type { PrismaClient } from '../../src/storage/database.ts';
import { readDocx } from './docx-reader.ts';
import { fixtureRows, YEAR } from './report-fixtures.ts';

const tempDir = useTempDirs();
const DECEMBER_5 = new Date('2025-12-05T03:00:00Z');

let bot: TelegramBotHarness | undefined;
let zalo: ZaloBotHarness | undefined;
afterEach(async () => {
  await bot?.close();
  await zalo?.close();
  bot = undefined;
  zalo = undefined;
});

async function startWithReports(): Promise<TelegramBotHarness> {
  const b = await TelegramBotHarness.start(tempDir(), { now: DECEMBER_5 });
  await addFixtureReports(b.prisma);
  return b;
}

async function addFixtureReports(prisma: PrismaClient): Promise<void> {
  const units = await prisma.unit.findMany({ where: { active: true, kind: { not: 'province' } }, orderBy: { code: 'asc' }, select: { id: true, code: true } });
  await prisma.submission.createMany({
    data: fixtureRows(units).map((row) => ({ unitId: row.unitId, formId: row.formId, periodKey: row.periodKey, currentRevision: 1, formVersion: 1, answers: JSON.stringify(row.answers), firstSubmittedAt: row.at, submittedAt: row.at, late: row.late })),
  });
}

/** The report's outbox message, once the background compilation has written it. */
async function reportMessage(b: TelegramBotHarness): Promise<{ chatId: string; payload: OutboxPayload }> {
  for (let waited = 0; waited < 60_000; waited += 100) {
    const row = await b.prisma.outboxMessage.findFirst({ where: { kind: 'report' } });
    if (row) return { chatId: row.chatId, payload: JSON.parse(row.payload) as OutboxPayload };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no report in the outbox');
}

describe('/baocaonam through Telegram', () => {
  it('should answer at once, then deliver the scope’s .docx through the outbox as a document', { timeout: 120_000 }, async () => {
    bot = await startWithReports();
    await join(bot, 7001, 'SYT', 'supervisor');
    expect(await bot.say(7001, `/baocaonam ${YEAR}`)).toBe(`Đang lập báo cáo năm ${YEAR} (Sở Y tế). Tệp sẽ được gửi trong ít phút.`);
    const { chatId, payload } = await reportMessage(bot);
    expect(chatId).toBe('7001');
    const attachment = payload.attachments?.[0];
    expect(attachment).toMatchObject({ kind: 'document', filename: `bao-cao-${YEAR}-SYT.docx` });
    const doc = await readDocx(Buffer.from(attachment?.base64 ?? '', 'base64'));
    expect(doc.paragraphs).toContain('(Phạm vi: Sở Y tế)');
    expect(doc.xml).not.toContain('Sở Tư pháp');
    // The real outbox transport delivers it to the chat over HTTP.
    const transport = new TelegramOutboxTransport({ token: bot.tg.token, apiRoot: bot.tg.apiRoot });
    for (const part of transport.render(payload)) expect(await transport.send(chatId, part)).toEqual({ status: 'sent' });
    const sent = bot.tg.messagesTo(7001);
    expect(sent.some((m) => m.plainText === `Báo cáo năm ${YEAR} (Sở Y tế) đã sẵn sàng.`)).toBe(true);
    const document = sent.find((m) => m.method === 'sendDocument');
    expect(document?.file?.filename).toBe(`bao-cao-${YEAR}-SYT.docx`);
    expect((await readDocx(document?.file?.bytes as Buffer)).paragraphs).toContain('BÁO CÁO');
  });

  it('should refuse a reporter and a bad year politely, writing nothing to the outbox', { timeout: 60_000 }, async () => {
    bot = await startWithReports();
    await join(bot, 7002, 'STP', 'reporter');
    expect(await bot.say(7002, '/annual')).toBe('Lệnh này dành cho cán bộ theo dõi và quản trị.');
    await join(bot, 7003, 'UBND', 'supervisor');
    const bad = await bot.say(7003, '/baocaonam 1990');
    expect(bad).toContain('Năm “1990” không hợp lệ: hãy chọn một năm từ 2023 đến 2025.');
    expect(bad).toContain('Gõ /baocaonam hoặc /baocaonam <năm>, ví dụ /baocaonam 2025.');
    expect(await bot.say(7003, '/baocaonam 2026')).toContain('Năm “2026” không hợp lệ');
    expect(await bot.prisma.outboxMessage.count()).toBe(0);
  });
});

describe('/baocaonam through Zalo', () => {
  it('should send a Zalo supervisor a link to the .docx this bot serves when PUBLIC_BASE_URL is set', { timeout: 120_000 }, async () => {
    zalo = await ZaloBotHarness.start(tempDir(), { now: DECEMBER_5, env: { PUBLIC_BASE_URL: 'https://bao-cao.example.gov.vn' } });
    await addFixtureReports(zalo.prisma);
    zalo.bot.scheduling.sender.start();
    expect(await zalo.ask('z-701', await zalo.invite('SYT', 'supervisor'))).toContain('Chào mừng');
    expect(await zalo.ask('z-701', `/baocaonam ${YEAR}`)).toBe(`Đang lập báo cáo năm ${YEAR} (Sở Y tế). Tệp sẽ được gửi trong ít phút.`);
    await zalo.emulator.waitForCalls('sendMessage', 3, 60_000);
    const ready = zalo.emulator.messagesTo('z-701').map((message) => message.text).find((text) => text.startsWith(`Báo cáo năm ${YEAR} (Sở Y tế) đã sẵn sàng.`));
    const path = /Tải tệp tại: https:\/\/bao-cao\.example\.gov\.vn(\/documents\/[\w-]+\.docx)$/.exec(ready ?? '')?.[1];
    expect(path, ready).toBeDefined();
    // The link leads to the document this bot serves.
    const served = await fetch(`http://127.0.0.1:${zalo.bot.config.HTTP_PORT}${path}`);
    expect(served.status).toBe(200);
    const doc = await readDocx(Buffer.from(await served.arrayBuffer()));
    expect(doc.paragraphs).toContain('BÁO CÁO');
    expect(doc.paragraphs).toContain('(Phạm vi: Sở Y tế)');
  });

  it('should tell a Zalo supervisor at once, without PUBLIC_BASE_URL, that the file cannot come through Zalo, compiling nothing', { timeout: 60_000 }, async () => {
    zalo = await ZaloBotHarness.start(tempDir(), { now: DECEMBER_5 });
    expect(await zalo.ask('z-702', await zalo.invite('SYT', 'supervisor'))).toContain('Chào mừng');
    const reply = await zalo.ask('z-702', '/annual');
    expect(reply).toContain('Zalo không nhận được tệp đính kèm');
    expect(reply).toContain('/baocaonam');
    expect(reply).not.toContain('Đang lập');
    expect(await zalo.prisma.outboxMessage.count()).toBe(0);
  });
});
