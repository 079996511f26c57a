/**
 * Crash safety: a child process runs the real bot (core, Telegram channel by long polling, outbox
 * sender) over one SQLite file; the Telegram emulator lives here, so its record of what was
 * delivered survives the child. Each trial starts a reminder wave and two reporters' dialogs, kills
 * the child with SIGKILL at a random moment, restarts it on the same database and lets everything
 * finish. Then: every report the bot confirmed is stored with exactly its answers, no acknowledged
 * answer was asked again, every recipient got each reminder at most once, and every outbox row is
 * `sent` or dead-lettered as `interrupted` (the documented at-most-once rule).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendReminderWaveNow } from '../../../src/app/manual-reminder-wave.ts';
import { readFormFolder } from '../../../src/storage/form-files.ts';
import { migrateDatabaseUrl, openDatabase, type PrismaClient } from '../../../src/storage/database.ts';
import { JobRunRepository } from '../../../src/storage/repositories/job-run-repository.ts';
import { RecipientRepository } from '../../../src/storage/repositories/recipient-repository.ts';
import { syncForms } from '../../../src/storage/repositories/form-repository.ts';
import { periodWindow, type Form } from '../../../src/domain/index.ts';
import { seedDemoProvince } from '../../../src/storage/seed-demo.ts';
import { TelegramEmulator } from '../../support/telegram-emulator/index.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { CrashBotDriver } from './crash-driver.ts';
import { driveReport, type ReportOutcome } from './report-user.ts';

const TRIALS = Math.max(1, Number(process.env.CRASH_TRIALS ?? '8') || 8);
const FRIDAY_W48 = new Date('2026-11-27T03:00:00Z'); // 10:00 in Hanoi: only the weekly report of week 48 is open
const PERIOD = '2026-W48';
const WAVE_UNITS = 5;
const CONTACTS_PER_WAVE_UNIT = 7; // 35 recipients a wave
const SEND_RATE = 30;
const SETTLE_TIMEOUT_MS = 60_000;
const TZ = 'Asia/Ho_Chi_Minh';

const tempDir = useTempDirs();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low));

interface TrialResult {
  trial: number;
  killAfterMs: number;
  waveActive: boolean;
  dialogsActive: boolean;
  waveRows: number;
  interrupted: number;
  duplicates: string[];
  sentButMissing: string[];
  unsettled: string[];
  reports: ReportOutcome[];
}

let tg: TelegramEmulator;
let prisma: PrismaClient;
let driver: CrashBotDriver;
let form: Form;
const offsetMs = FRIDAY_W48.getTime() - Date.now();
const clockNow = () => new Date(Date.now() + offsetMs);
const results: TrialResult[] = [];
const waveChats: number[] = [];
let recoveryRestarts = 0;

beforeAll(async () => {
  const dir = tempDir();
  const databaseUrl = `file:${dir}/crash.db`;
  await migrateDatabaseUrl(databaseUrl);
  prisma = (await openDatabase(databaseUrl)).prisma;
  await seedDemoProvince(prisma);
  form = (await syncForms(prisma, readFormFolder())).current().find((candidate) => candidate.id === 'weekly_status') as Form;
  const province = await prisma.unit.findUniqueOrThrow({ where: { code: 'UBND' } });
  // Reporters reachable on Telegram: 60 wave recipients in five units, and two fresh reporters (own units) per trial.
  let chatId = 700_000;
  for (let unitIndex = 0; unitIndex < WAVE_UNITS; unitIndex += 1) {
    const unit = await prisma.unit.create({ data: { code: `CRW${unitIndex}`, name: `Đơn vị nhận nhắc ${unitIndex}`, kind: 'department', parentId: province.id } });
    for (let person = 0; person < CONTACTS_PER_WAVE_UNIT; person += 1) await addReporter(unit.id, (chatId += 1), `Người nhận ${chatId}`);
  }
  tg = await TelegramEmulator.start({ rateLimit: { globalPerSecond: 30, perChatPerSecond: 10, burst: 5 } });
  for (const id of waveChats) tg.addChat({ id, type: 'private', first_name: 'Người nhận' });
  driver = new CrashBotDriver({ databaseUrl, token: tg.token, apiRoot: tg.apiRoot, clockOffsetMs: offsetMs, sendRate: SEND_RATE });
  await driver.start();
}, 60_000);

afterAll(async () => {
  await driver?.stop();
  await tg?.close();
  await prisma?.$disconnect();
});

async function addReporter(unitId: number, chatId: number, name: string): Promise<void> {
  const contact = await prisma.contact.create({ data: { name, locale: 'vi', lastChannel: 'telegram' } });
  await prisma.role.create({ data: { contactId: contact.id, unitId, role: 'reporter' } });
  await prisma.channelIdentity.create({ data: { contactId: contact.id, channel: 'telegram', userId: String(chatId), chatId: String(chatId) } });
  if (name.startsWith('Người nhận')) waveChats.push(chatId);
}

/**
 * Waits until every row of the wave is sent or dead. A row a killed process left in `sending` is
 * dead-lettered by the sender's recovery pass (at start-up, then every half second in the crash bot),
 * only once its claim has expired. Should no process be running to do it, the bot is restarted once
 * more (counted in `recoveryRestarts`).
 */
async function settle(key: string): Promise<Array<{ chatId: string; status: string; lastError: string | null }>> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const rows = await prisma.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: `${key}#` } }, select: { chatId: true, status: true, lastError: true, claimedUntil: true } });
    if (rows.every((row) => row.status === 'sent' || row.status === 'dead') || Date.now() > deadline) return rows;
    const queued = rows.some((row) => row.status === 'pending' || row.status === 'failed');
    const stale = rows.filter((row) => row.status === 'sending' && row.claimedUntil !== null && row.claimedUntil.getTime() < clockNow().getTime());
    if (!queued && stale.length > 0) {
      recoveryRestarts += 1;
      await driver.kill();
      await driver.start();
    }
    await sleep(100);
  }
}

async function runTrial(trial: number): Promise<TrialResult> {
  const waveStart = Date.now();
  const window = periodWindow(form, PERIOD, TZ);
  const wave = await sendReminderWaveNow({ recipients: new RecipientRepository(prisma), store: new JobRunRepository(prisma), timeZone: TZ }, form, window, clockNow());
  const users: number[] = [];
  for (let index = 0; index < 2; index += 1) {
    const userId = 800_000 + trial * 10 + index;
    const unit = await prisma.unit.create({ data: { code: `CRD${trial}-${index}`, name: `Đơn vị báo cáo ${trial}-${index}`, kind: 'department' } });
    await addReporter(unit.id, userId, `Báo cáo viên ${userId}`);
    users.push(userId);
  }
  const dialogs = users.map((userId) => driveReport(tg, userId, `Việc tuần của ${userId}: họp chi bộ, kết nạp 2 đảng viên`));
  const killAfterMs = between(100, 1100);
  await sleep(killAfterMs);
  const inFlight = await prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: `${wave.key}#` }, status: { in: ['pending', 'failed', 'sending'] } } });
  const dialogsActive = users.some((userId) => !tg.messagesTo(userId).some((message) => (message.plainText ?? '').includes('Đã nhận báo cáo')));
  await driver.kill();
  await driver.start();
  const reports = await Promise.all(dialogs);
  const rows = await settle(wave.key);
  const settledAt = Date.now();
  const duplicates: string[] = [];
  const sentButMissing: string[] = [];
  for (const row of rows) {
    const got = tg.messagesTo(Number(row.chatId)).filter((message) => message.at >= waveStart && message.at <= settledAt).length;
    if (got > 1) duplicates.push(`${row.chatId}×${got}`);
    if (row.status === 'sent' && got !== 1) sentButMissing.push(row.chatId);
  }
  return {
    trial,
    killAfterMs,
    waveActive: inFlight > 0,
    dialogsActive,
    waveRows: rows.length,
    interrupted: rows.filter((row) => row.status === 'dead' && row.lastError === 'interrupted').length,
    duplicates,
    sentButMissing,
    unsettled: rows.filter((row) => row.status !== 'sent' && !(row.status === 'dead' && row.lastError === 'interrupted')).map((row) => `${row.chatId}:${row.status}:${row.lastError ?? ''}`),
    reports,
  };
}

describe('crash safety: SIGKILL during dialogs and reminder waves', () => {
  it(`should lose no confirmed report or acknowledged answer and send no reminder twice over ${TRIALS} kills`, async () => {
    for (let trial = 0; trial < TRIALS; trial += 1) results.push(await runTrial(trial));
    const summary = {
      trials: results.length,
      killsDuringWaves: results.filter((r) => r.waveActive).length,
      killsDuringDialogs: results.filter((r) => r.dialogsActive).length,
      reminders: results.reduce((sum, r) => sum + r.waveRows, 0),
      interrupted: results.reduce((sum, r) => sum + r.interrupted, 0),
      lostReplies: results.reduce((sum, r) => sum + r.reports.reduce((n, report) => n + report.nudges, 0), 0),
      failedStarts: driver.failedStarts.length,
      recoveryRestarts,
    };
    for (const failure of driver.failedStarts) console.warn(`crash safety: a restart died before it was ready (retried):\n${failure}`);
    console.info(`crash safety: ${JSON.stringify(summary)}`);
    for (const result of results) {
      expect(result.waveRows, `trial ${result.trial}: a wave to every recipient`).toBe(waveChats.length);
      expect(result.duplicates, `trial ${result.trial}: reminders delivered twice`).toEqual([]);
      expect(result.sentButMissing, `trial ${result.trial}: rows marked sent that never arrived`).toEqual([]);
      expect(result.unsettled, `trial ${result.trial}: rows neither sent nor interrupted\n${driver.stderrTail}`).toEqual([]);
    }
    // Every dialog finished and every confirmed report is stored once, with exactly its answers.
    for (const report of results.flatMap((r) => r.reports)) {
      expect(report.regressions, `user ${report.userId}: acknowledged answers asked again:\n${report.transcript.join('\n')}`).toEqual([]);
      expect(report.confirmed, `user ${report.userId} never got a confirmation:\n${report.transcript.join('\n')}`).toBe(true);
      const identity = await prisma.channelIdentity.findUniqueOrThrow({ where: { channel_userId: { channel: 'telegram', userId: String(report.userId) } } });
      const role = await prisma.role.findFirstOrThrow({ where: { contactId: identity.contactId } });
      const submission = await prisma.submission.findUnique({ where: { unitId_formId_periodKey: { unitId: role.unitId, formId: 'weekly_status', periodKey: PERIOD } }, include: { revisions: true } });
      expect(submission, `user ${report.userId}: confirmed but not stored`).not.toBeNull();
      // Exactly what the bot summed up before it confirmed: the texts shown, and "Đúng tiến độ" once per on_track answer.
      const stored = JSON.parse(submission?.answers ?? '{}') as Record<string, string | null>;
      const context = `user ${report.userId}: ${JSON.stringify(stored)}\n${report.transcript.join('\n')}`;
      expect(Object.keys(stored).sort(), context).toEqual(['p1_progress', 'p2_progress', 'p3_progress', 'support_needed', 'work_done']);
      expect(report.summary, context).toContain(stored.work_done ?? '(missing)');
      if (stored.support_needed !== null) expect(report.summary, context).toContain(stored.support_needed);
      const onTrack = ['p1_progress', 'p2_progress', 'p3_progress'].filter((name) => stored[name] === 'on_track').length;
      expect(report.summary.split('Đúng tiến độ').length - 1, context).toBe(onTrack);
      expect(submission?.revisions).toHaveLength(1);
    }
    expect(summary.killsDuringWaves + summary.killsDuringDialogs).toBeGreaterThan(0);
  }, 600_000);
});
