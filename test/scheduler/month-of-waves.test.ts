import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramOutboxTransport } from '../../src/channels/telegram/telegram-outbox-sender.ts';
import { SendPacer } from '../../src/outbox/send-pacer.ts';
import { createScheduling, type Scheduling } from '../../src/main/create-scheduling.ts';
import type { PrismaClient } from '../../src/storage/database.ts';
import { readFormFolder } from '../../src/storage/form-files.ts';
import { syncForms } from '../../src/storage/repositories/form-repository.ts';
import { TelegramEmulator } from '../support/telegram-emulator/index.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { hanoiHour, ManualClock, memoryLogger, openTestDatabase, seedProvince, submit, testConfig } from './scheduling-fixtures.ts';

const tempDir = useTempDirs();
const hanoi = (local: string) => new Date(`${local}+07:00`);
const HOUR = 3_600_000;

let tg: TelegramEmulator | undefined;
let scheduling: Scheduling | undefined;
let prisma: PrismaClient | undefined;
afterAll(async () => {
  await scheduling?.stop();
  await prisma?.$disconnect();
  await tg?.close();
});

const PEOPLE = [
  { name: 'Reporter STP', telegram: 1001, roles: [{ unit: 'STP', role: 'reporter' as const }] },
  { name: 'Reporter SYT', telegram: 1002, roles: [{ unit: 'SYT', role: 'reporter' as const }] },
  { name: 'Reporter BVDK', telegram: 1003, roles: [{ unit: 'BVDK', role: 'reporter' as const }], locale: 'en' as const },
  { name: 'Console reporter', console: true, roles: [{ unit: 'SYT', role: 'reporter' as const }] },
  { name: 'Reporter OLD', telegram: 1005, roles: [{ unit: 'OLD', role: 'reporter' as const }] },
  { name: 'Supervisor UBND', telegram: 9001, roles: [{ unit: 'UBND', role: 'supervisor' as const }] },
  { name: 'Supervisor SYT', telegram: 9002, roles: [{ unit: 'SYT', role: 'supervisor' as const }] },
];

interface SentRow {
  key: string;
  kind: string;
  chatId: string;
  createdAt: Date;
  status: string;
}

async function runMonth(): Promise<{ rows: SentRow[]; logs: string[]; ids: Awaited<ReturnType<typeof seedProvince>> }> {
  tg = await TelegramEmulator.start({ rateLimit: false });
  for (const chat of [1001, 1002, 1003, 1005, 9001, 9002]) tg.addChat({ id: chat, type: 'private', first_name: `User ${chat}` });
  const db = openTestDatabase(tempDir());
  prisma = db.prisma;
  const ids = await seedProvince(prisma, PEOPLE);
  const all = await syncForms(prisma, readFormFolder());
  const catalog = { current: () => all.current().filter((form) => form.id !== 'yearly_ratings'), version: all.version.bind(all) };
  const clock = new ManualClock(hanoi('2026-11-01T00:00:00'));
  const { logger, lines } = memoryLogger();
  const config = testConfig({ TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, DIGEST_SCHEDULE: '30 22 * * 0', CATCH_UP_HOURS: '2' });
  scheduling = createScheduling({
    config,
    prisma,
    forms: catalog,
    clock,
    logger,
    transports: [new TelegramOutboxTransport({ token: tg.token, apiRoot: tg.apiRoot })],
    pacers: { telegram: new SendPacer({ perSecond: 1000, perChatIntervalMs: 0 }) },
    senderTuning: { pollIntervalMs: 20 },
  });
  scheduling.sender.start();
  await scheduling.runner.catchUp(clock.now());
  const unit = (code: string) => ids.units.get(code) ?? 0;
  const away = ids.contacts.get('Supervisor SYT') ?? 0;
  for (let at = clock.now().getTime(); at <= hanoi('2026-12-01T00:00:00').getTime(); at += HOUR) {
    clock.set(new Date(at));
    // STP reports the monthly figures on the 4th, before the d-1 reminder; SYT reports week 46 on Thursday noon.
    if (at === hanoi('2026-11-04T10:00:00').getTime()) await submit(prisma, unit('STP'), 'monthly_figures', '2026-10', clock.now());
    if (at === hanoi('2026-11-12T12:00:00').getTime()) await submit(prisma, unit('SYT'), 'weekly_status', '2026-W46', clock.now());
    // The SYT supervisor is away from the 7th to the end of the 10th.
    if (at === hanoi('2026-11-07T09:00:00').getTime()) await prisma.contact.update({ where: { id: away }, data: { awayUntil: hanoi('2026-11-11T00:00:00') } });
    await scheduling.runner.tick(clock.now());
  }
  await scheduling.sender.whenIdle(20_000);
  const rows = await prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } });
  return { rows: rows.map((r) => ({ key: r.idempotencyKey, kind: r.kind, chatId: r.chatId, createdAt: r.createdAt, status: r.status })), logs: lines, ids };
}

const waveOf = (key: string) => key.split('#')[0] ?? '';
const to = (rows: SentRow[], chat: number) => rows.filter((r) => r.chatId === String(chat)).map((r) => waveOf(r.key));

describe('a month of the real scheduler with an injected clock', () => {
  // One month, ticked hour by hour, is what both checks read: run it once.
  let month: Awaited<ReturnType<typeof runMonth>>;
  beforeAll(async () => {
    month = await runMonth();
  }, 120_000);

  it('should enqueue and deliver exactly the planned notices, reminders, escalations and digests, once each', async () => {
    const { rows, logs } = month;
    expect(logs.filter((line) => line.includes('wave failed'))).toEqual([]);
    const client = tg as TelegramEmulator;
    // Every message delivered exactly once.
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    for (const chat of [1001, 1002, 1003, 9001, 9002]) expect(client.messagesTo(chat)).toHaveLength(to(rows, chat).length);
    // Nothing to a deactivated unit's reporter, nothing in quiet hours.
    expect(client.messagesTo(1005)).toHaveLength(0);
    for (const row of rows) expect({ key: row.key, hour: hanoiHour(row.createdAt) >= 7 && hanoiHour(row.createdAt) < 21 }).toEqual({ key: row.key, hour: true });

    const monthly = (chat: number) => to(rows, chat).filter((k) => k.includes('monthly_figures:2026-10'));
    const ladder = ['d-2', 'd-1', 'd0', 'd+1', 'd+2', 'd+3', 'd+4', 'd+5', 'd+6', 'd+7', 'd+8', 'd+9'].map((w) => `reminder:monthly_figures:2026-10:${w}`);
    // STP submitted on the 4th at 10:00: its only reminder was the d-2 one.
    expect(monthly(1001)).toEqual(['open:monthly_figures:2026-10:open', 'reminder:monthly_figures:2026-10:d-2']);
    expect(monthly(1002)).toEqual(['open:monthly_figures:2026-10:open', ...ladder]);
    expect(monthly(1003)).toEqual(['open:monthly_figures:2026-10:open', ...ladder]);
    // Escalation on the 8th: the province's supervisor hears of all three late units; SYT's supervisor is away.
    expect(monthly(9001)).toEqual(['escalation:monthly_figures:2026-10:escalation']);
    expect(monthly(9002)).toEqual([]);
    const escalation = client.messagesTo(9001).find((m) => m.plainText?.includes('chưa gửi báo cáo tháng 10/2026'));
    expect(escalation?.plainText).toContain('Sở Y tế');
    expect(escalation?.plainText).toContain('Bệnh viện Đa khoa tỉnh');
    expect(escalation?.plainText).not.toContain('Sở Tư pháp');

    // Weekly 2026-W46: SYT submitted on Thursday noon, so it got the opening and the Thursday reminder only.
    const week46 = (chat: number) => to(rows, chat).filter((k) => k.includes('weekly_status:2026-W46'));
    expect(week46(1002)).toEqual(['open:weekly_status:2026-W46:open']);
    expect(week46(1001)).toEqual(['open:weekly_status:2026-W46:open', 'reminder:weekly_status:2026-W46:d-1', 'reminder:weekly_status:2026-W46:d0']);
    // Its escalation (Monday 16th 17:00) reaches SYT's supervisor only for BVDK, the unit that did not report.
    expect(to(rows, 9002).filter((k) => k.includes('2026-W46'))).toEqual(['escalation:weekly_status:2026-W46:escalation']);
    const sytEscalation = client.messagesTo(9002).find((m) => m.plainText?.includes('tuần 46/2026'));
    expect(sytEscalation?.plainText).toContain('Bệnh viện Đa khoa tỉnh');
    expect(sytEscalation?.plainText).not.toContain('• Sở Y tế');

    // Every weekly period opened in November reached every active reporter once (W45 to W48; W44 opened before the window).
    for (const week of ['W45', 'W46', 'W47', 'W48']) expect(to(rows, 1003).filter((k) => k === `open:weekly_status:2026-${week}:open`)).toHaveLength(1);
    // English reporter reads English.
    expect(client.messagesTo(1003)[0]?.plainText).toMatch(/^Dear Reporter BVDK/);
    // Digests planned Sunday 22:30 go out Monday 07:00, to each supervisor.
    const digests = rows.filter((r) => r.kind === 'digest');
    expect(digests.map((r) => hanoiHour(r.createdAt))).toEqual(digests.map(() => 7));
    expect(new Set(digests.map((r) => waveOf(r.key)))).toEqual(new Set(['02', '09', '16', '23', '30'].map((d) => `digest:-:-:2026-11-${String(Number(d) - 1).padStart(2, '0')}T22:30`)));
    // Period rows exist and the openings were announced.
    const periods = await (prisma as PrismaClient).period.findMany({ where: { formId: 'monthly_figures' } });
    expect(periods.map((p) => [p.key, p.announcedAt !== null])).toEqual([['2026-10', true]]);
  }, 120_000);

  it('should run no wave twice when ticked again, and record waves too old to catch up as skipped', async () => {
    const db = prisma as PrismaClient;
    const runner = (scheduling as Scheduling).runner;
    const before = await db.outboxMessage.count();
    // The same instants again (a restart replaying the month) write nothing.
    for (const at of [hanoi('2026-11-05T17:00:00'), hanoi('2026-11-08T17:30:00'), hanoi('2026-11-30T23:00:00')]) expect(await runner.tick(at)).toEqual([]);
    expect(await db.outboxMessage.count()).toBe(before);
    // Down from Dec 1 to Dec 6 08:00 with CATCH_UP_HOURS=2: Dec 1–5 waves are skipped, nothing older is sent late.
    const reports = await runner.catchUp(hanoi('2026-12-06T08:00:00'));
    expect(reports).toEqual([]);
    const skipped = await db.jobRun.findMany({ where: { status: 'skipped' }, orderBy: { scheduledFor: 'asc' } });
    expect(skipped.map((run) => run.key)).toContain('open:monthly_figures:2026-11:open');
    expect(skipped.map((run) => run.key)).toContain('reminder:monthly_figures:2026-11:d0');
    expect(await db.outboxMessage.count()).toBe(before);
  }, 120_000);
});
