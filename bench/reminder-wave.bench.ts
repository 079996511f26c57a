/**
 * A reminder wave to BENCH_WAVE_SIZE contacts (default 10 000) through the Telegram emulator with the
 * platform's limits on (30 messages a second overall, 1 a second per chat): the wave is written to the
 * outbox by the real use case, then delivered by the real sender. Prints the achieved rate against
 * the cap, the 429s the emulator answered, and the times. 10 000 messages at 30/s take about 5.5 min.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { sendReminderWaveNow } from '../src/app/manual-reminder-wave.ts';
import { parseConfig } from '../src/config.ts';
import { periodWindow } from '../src/domain/index.ts';
import { createLogger } from '../src/logging/logger.ts';
import { createBot } from '../src/main/create-bot.ts';
import type { PrismaClient } from '../src/storage/database.ts';
import { JobRunRepository } from '../src/storage/repositories/job-run-repository.ts';
import { RecipientRepository } from '../src/storage/repositories/recipient-repository.ts';
import { TelegramEmulator } from '../test/support/telegram-emulator/index.ts';

const FIRST_CHAT = 100_000;

async function seedReporters(prisma: PrismaClient, size: number): Promise<void> {
  const ids = Array.from({ length: size }, (_, i) => i + 1);
  for (let start = 0; start < size; start += 2000) {
    const slice = ids.slice(start, start + 2000);
    await prisma.unit.createMany({ data: slice.map((id) => ({ id, code: `U${id}`, name: `Đơn vị ${id}`, kind: 'grassroots' })) });
    await prisma.contact.createMany({ data: slice.map((id) => ({ id, name: `Người báo cáo ${id}`, lastChannel: 'telegram' })) });
    await prisma.role.createMany({ data: slice.map((id) => ({ contactId: id, unitId: id, role: 'reporter' })) });
    await prisma.channelIdentity.createMany({
      data: slice.map((id) => ({ contactId: id, channel: 'telegram', userId: String(FIRST_CHAT + id), chatId: String(FIRST_CHAT + id) })),
    });
  }
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const size = Number(process.env.BENCH_WAVE_SIZE ?? 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'baocao-bench-'));
  const tg = await TelegramEmulator.start({ rateLimit: { globalPerSecond: 30, perChatPerSecond: 1 }, maxRecords: Math.max(100_000, size * 2) });
  const path = join(dir, 'bench.db');
  const config = parseConfig({ DATABASE_URL: `file:${path}`, TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot });
  const logger = createLogger({ level: 'warn', pretty: false, secrets: [], destination: new Writable({ write: (_c, _e, done) => done() }) });
  // The bot as the program builds it; only its outbox sender runs (no channels, no scheduler ticks).
  const bot = await createBot(config, logger, { scheduling: false });
  const prisma = bot.prisma;
  try {
    const form = bot.core.forms.current().find((f) => f.id === 'monthly_figures');
    if (!form) throw new Error('monthly_figures form missing');
    await seedReporters(prisma, size);
    for (let id = 1; id <= size; id += 1) tg.addChat({ id: FIRST_CHAT + id, type: 'private', first_name: `User ${id}` });

    const writeStart = performance.now();
    const window = periodWindow(form, '2026-10', config.BOT_TIMEZONE);
    const wave = await sendReminderWaveNow(
      { recipients: new RecipientRepository(prisma), store: new JobRunRepository(prisma), timeZone: config.BOT_TIMEZONE },
      form,
      window,
      new Date(),
    );
    const writeMs = performance.now() - writeStart;

    const sender = bot.scheduling.sender;
    const sendStart = performance.now();
    sender.start();
    await sender.whenIdle(Math.max(120_000, (size / config.TELEGRAM_SEND_RATE) * 2000));
    const sendMs = performance.now() - sendStart;
    await sender.stop();

    const delivered = new Set(tg.sent.map((m) => m.chatId)).size;
    const rate = tg.achievedRate();
    const cap = config.TELEGRAM_SEND_RATE;
    const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(38)}${value}\n`);
    line('contacts in the wave', String(size));
    line('messages written (one transaction)', `${wave.messages} in ${(writeMs / 1000).toFixed(2)} s`);
    line('delivered (distinct chats)', `${tg.stats.accepted} (${delivered})`);
    line('achieved rate', `${rate.toFixed(2)} msg/s of a ${cap}/s cap (${((rate / cap) * 100).toFixed(1)} %)`);
    line('429 answered by the emulator', String(tg.stats.throttled));
    line('delivery time', `${(sendMs / 1000).toFixed(1)} s`);
    line('total time', `${((writeMs + sendMs) / 1000).toFixed(1)} s`);
  } finally {
    await bot.stop();
    await tg.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
