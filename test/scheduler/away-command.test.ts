import { afterEach, describe, expect, it } from 'vitest';
import { answerAway, awayEndInstant, parseAwayArgs } from '../../src/app/away-command.ts';
import type { ContactRecord } from '../../src/app/ports.ts';
import { renderAsNumberedText } from '../../src/channels/render-reply.ts';
import type { Reply } from '../../src/dialog/replies.ts';
import type { PrismaClient } from '../../src/storage/database.ts';
import { ContactAwayRepository } from '../../src/storage/repositories/contact-away-repository.ts';
import { RecipientRepository } from '../../src/storage/repositories/recipient-repository.ts';
import { TelegramBotHarness } from '../support/telegram-bot-harness.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { openTestDatabase, seedProvince } from './scheduling-fixtures.ts';

const tempDir = useTempDirs();
const TZ = 'Asia/Ho_Chi_Minh';
const hanoi = (local: string) => new Date(`${local}+07:00`);
const text = (replies: Reply[], locale: 'vi' | 'en' = 'vi') => replies.map((reply) => renderAsNumberedText(reply, locale)).join('\n');

let prisma: PrismaClient | undefined;
let bot: TelegramBotHarness | undefined;
afterEach(async () => {
  await prisma?.$disconnect();
  await bot?.close();
  prisma = undefined;
  bot = undefined;
});

describe('/vangmat parsing', () => {
  it('should read nothing as show, off words as off, and day-first dates', () => {
    expect(parseAwayArgs('')).toEqual({ kind: 'show' });
    for (const word of ['off', 'OFF', 'tắt', 'huỷ', 'hủy']) expect(parseAwayArgs(word)).toEqual({ kind: 'off' });
    expect(parseAwayArgs('30/11/2026')).toEqual({ kind: 'until', date: '2026-11-30' });
    expect(parseAwayArgs('5-12-26')).toEqual({ kind: 'until', date: '2026-12-05' });
    expect(parseAwayArgs('31/02/2026')).toEqual({ kind: 'invalid' });
    expect(parseAwayArgs('mai')).toEqual({ kind: 'invalid' });
  });

  it('should pause until the local midnight after the last day away', () => {
    expect(awayEndInstant('2026-11-30', TZ)).toEqual(hanoi('2026-12-01T00:00:00'));
  });
});

describe('/vangmat effect', () => {
  it('should set, show and end the away setting, refusing past and far dates', async () => {
    prisma = openTestDatabase(tempDir()).prisma;
    const { contacts } = await seedProvince(prisma, [{ name: 'Hạnh', telegram: 1, roles: [{ unit: 'STP', role: 'reporter' }] }]);
    const id = contacts.get('Hạnh') ?? 0;
    const store = new ContactAwayRepository(prisma);
    const contact: ContactRecord = { id, name: 'Hạnh', locale: 'vi', roles: [] };
    const now = hanoi('2026-11-20T10:00:00');
    expect(text(await answerAway(store, contact, '', now, TZ))).toContain('không ở chế độ vắng mặt');
    expect(text(await answerAway(store, contact, '19/11/2026', now, TZ))).toContain('Ngày này đã qua');
    expect(text(await answerAway(store, contact, '20/11/2028', now, TZ))).toContain('tối đa 366 ngày');
    expect(text(await answerAway(store, contact, 'ngày mai', now, TZ))).toContain('Chưa hiểu ngày vắng mặt');
    expect(text(await answerAway(store, contact, '30/11/2026', now, TZ))).toContain('vắng mặt đến hết ngày 30/11/2026');
    expect(await store.awayUntil(id)).toEqual(hanoi('2026-12-01T00:00:00'));
    expect(text(await answerAway(store, contact, '', now, TZ))).toContain('đến hết ngày 30/11/2026');
    const [target] = (await new RecipientRepository(prisma).reportingUnits())[0]?.reporters ?? [];
    expect(target?.awayUntil).toEqual(hanoi('2026-12-01T00:00:00'));
    expect(text(await answerAway(store, { ...contact, locale: 'en' }, 'off', now, TZ), 'en')).toContain('no longer marked away');
    expect(await store.awayUntil(id)).toBeNull();
  });

  it('should answer /vangmat through the real bot on Telegram', async () => {
    bot = await TelegramBotHarness.start(tempDir(), { now: hanoi('2026-11-20T10:00:00') });
    const code = await bot.invite('STP', 'reporter');
    await bot.say(5101, `/start ${code}`);
    expect(await bot.say(5101, '/vangmat 25/11/2026')).toContain('vắng mặt đến hết ngày 25/11/2026');
    expect(await bot.say(5101, '/away')).toContain('đến hết ngày 25/11/2026');
    expect(await bot.say(5101, '/vangmat off')).toContain('Đã kết thúc chế độ vắng mặt');
  });
});
