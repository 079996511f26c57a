/**
 * Inbound throughput: a few hundred registered reporters each send a complete weekly report to the
 * real Telegram channel in webhook mode (SQLite file, every step persisted), POSTed over loopback
 * HTTP as Telegram does (one update in flight per chat, many chats at once); next to a bare telegraf
 * echo bot on the same emulator and loopback path. Prints updates, duration, rate and p50/p99 latency
 * of each and the ratio. With TEST_POSTGRES_URL, the same on PostgreSQL. Never asserts: figures only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Telegraf } from 'telegraf';
import { createBotCore } from '../src/bot-core.ts';
import { TelegramChannel } from '../src/channels/telegram/telegram-channel.ts';
import { parseConfig } from '../src/config.ts';
import { HttpServer } from '../src/http/http-server.ts';
import { createLogger } from '../src/logging/logger.ts';
import { openDatabase, type PrismaClient } from '../src/storage/database.ts';
import { seedDemoProvince } from '../src/storage/seed-demo.ts';
import { addContacts, percentile, WEEKLY_REPORT_SCRIPT } from '../test/support/bench-population.ts';
import { TelegramEmulator } from '../test/support/telegram-emulator/index.ts';

const REPORTERS = 300;
/** Telegram's default max_connections: updates of this many chats in flight at once. */
const CONNECTIONS = 40;
const FRIDAY_W48 = new Date('2026-11-27T03:00:00Z'); // only the weekly report of week 48 is open
const SECRET = 'bench_webhook_secret';
const FIRST_USER = 700_000;

interface Figures {
  updates: number;
  seconds: number;
  rate: number;
  p50: number;
  p99: number;
}

function textUpdate(updateId: number, userId: number, text: string): string {
  return JSON.stringify({ update_id: updateId, message: { message_id: updateId, date: 1_800_000_000, chat: { id: userId, type: 'private' }, from: { id: userId, is_bot: false, first_name: 'Lan', language_code: 'vi' }, text } });
}

/** Every chat sends its script one update at a time; up to CONNECTIONS chats at once. Returns the figures. */
async function drive(url: string, headers: Record<string, string>, chats: number[], script: readonly string[]): Promise<Figures> {
  const latencies: number[] = [];
  let nextUpdate = 1;
  let nextChat = 0;
  const lane = async () => {
    for (let index = nextChat++; index < chats.length; index = nextChat++) {
      const chat = chats[index] ?? 0;
      for (const text of script) {
        const body = textUpdate(nextUpdate++, chat, text);
        const started = performance.now();
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, lane));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { updates: latencies.length, seconds, rate: latencies.length / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

function print(label: string, f: Figures): void {
  process.stdout.write(
    `${label.padEnd(34)} updates ${String(f.updates).padStart(5)}   duration ${f.seconds.toFixed(2).padStart(6)} s   rate ${f.rate.toFixed(0).padStart(5)} updates/s   p50 ${f.p50.toFixed(1).padStart(6)} ms   p99 ${f.p99.toFixed(1).padStart(6)} ms\n`,
  );
}

/** Makes the emulator know every chat (so sendMessage finds it), then drops the updates that made them. */
async function knowChats(tg: TelegramEmulator, chats: number[]): Promise<void> {
  for (const chat of chats) tg.userSends({ userId: chat, text: 'x', firstName: 'Lan' });
  await fetch(`${tg.apiRoot}/bot${tg.token}/deleteWebhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ drop_pending_updates: true }) });
}

/** The product: core + TelegramChannel in webhook mode on our HttpServer, over `databaseUrl`. */
async function runOurs(tg: TelegramEmulator, databaseUrl: string): Promise<Figures> {
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const logger = createLogger({ level: 'warn', pretty: false, secrets: [], destination: sink });
  const { prisma } = await openDatabase(databaseUrl);
  let http: HttpServer | undefined;
  let channel: TelegramChannel | undefined;
  try {
    await seedDemoProvince(prisma);
    const contacts = await addContacts(prisma, REPORTERS, { firstUserId: FIRST_USER });
    const chats = contacts.map((contact) => contact.telegramUserId);
    await knowChats(tg, chats);
    http = new HttpServer(logger);
    const { port } = await http.listen('127.0.0.1', 0);
    const webhookUrl = `http://127.0.0.1:${port}/telegram/webhook`;
    const config = parseConfig({ DATABASE_URL: databaseUrl, TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, TELEGRAM_WEBHOOK_URL: webhookUrl, TELEGRAM_WEBHOOK_SECRET: SECRET });
    const core = await createBotCore(config, prisma, logger, { now: () => FRIDAY_W48 });
    channel = new TelegramChannel({ token: tg.token, apiRoot: tg.apiRoot, webhookUrl, webhookSecret: SECRET, http, inbound: core.inbound, inboundLog: core.storage.inbound, logger, locale: 'vi' });
    await channel.start();
    const figures = await drive(webhookUrl, { 'x-telegram-bot-api-secret-token': SECRET }, chats, WEEKLY_REPORT_SCRIPT);
    const submitted = await prisma.submission.count({ where: { formId: 'weekly_status', periodKey: '2026-W48' } });
    if (submitted < REPORTERS) process.stdout.write(`(warning: only ${submitted} of ${REPORTERS} weekly reports were stored)\n`);
    return figures;
  } finally {
    await channel?.stop();
    await http?.close();
    await prisma.$disconnect();
  }
}

/** A bare telegraf echo bot served through its own webhookCallback on node:http. */
async function runBare(tg: TelegramEmulator): Promise<Figures> {
  const bot = new Telegraf(tg.token, { telegram: { apiRoot: tg.apiRoot, webhookReply: false } });
  bot.botInfo = await bot.telegram.getMe();
  bot.on('text', (ctx) => ctx.reply(ctx.message.text));
  const server: Server = createServer(bot.webhookCallback('/bare', { secretToken: SECRET }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  try {
    const chats = Array.from({ length: REPORTERS }, (_, i) => FIRST_USER + i);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bare`;
    return await drive(url, { 'x-telegram-bot-api-secret-token': SECRET }, chats, WEEKLY_REPORT_SCRIPT);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function run(): Promise<void> {
  process.stdout.write(`${REPORTERS} reporters, ${WEEKLY_REPORT_SCRIPT.length} updates each (a complete weekly report), ${CONNECTIONS} chats in flight, one update per chat at a time\n`);
  const tg = await TelegramEmulator.start({ rateLimit: false, maxRecords: 1_000_000 });
  const dir = mkdtempSync(join(tmpdir(), 'baocao-bench-'));
  try {
    const ours = await runOurs(tg, `file:${join(dir, 'bench.db')}`);
    print('ours (webhook, SQLite, persisted)', ours);
    const bare = await runBare(tg);
    print('bare telegraf echo (webhook)', bare);
    process.stdout.write(`ratio ours / bare: rate ${(ours.rate / bare.rate).toFixed(2)}×, p50 ${(ours.p50 / bare.p50).toFixed(2)}×, p99 ${(ours.p99 / bare.p99).toFixed(2)}×\n`);
    if (process.env.TEST_POSTGRES_URL) {
      const { freshPostgresDatabase } = await import('../test/support/postgres.ts');
      const database = await freshPostgresDatabase();
      try {
        const pg = await runOurs(tg, database.url);
        print('ours (webhook, PostgreSQL)', pg);
        process.stdout.write(`ratio PostgreSQL / bare: rate ${(pg.rate / bare.rate).toFixed(2)}×\n`);
      } finally {
        await database.drop();
      }
    } else {
      process.stdout.write('PostgreSQL: skipped (no TEST_POSTGRES_URL)\n');
    }
  } finally {
    await tg.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
