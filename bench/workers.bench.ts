/**
 * Inbound throughput with one worker and with two, on PostgreSQL: real bot processes (the compiled entry `npm start` runs) in
 * webhook mode sharing one database, updates POSTed to them in turn as a load balancer would (one update
 * in flight per chat, many chats at once), every step persisted. Needs a PostgreSQL server
 * (TEST_POSTGRES_URL); prints that it was skipped otherwise. Figures only, nothing asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openDatabase } from '../src/storage/database.ts';
import { seedDemoProvince } from '../src/storage/seed-demo.ts';
import { addContacts, percentile } from '../test/support/bench-population.ts';
import { freshPostgresDatabase, TEST_POSTGRES_URL } from '../test/support/postgres.ts';
import { BOT_ENTRY, PROJECT_ROOT } from '../test/support/run-process.ts';
import { TelegramEmulator } from '../test/support/telegram-emulator/index.ts';

const REPORTERS = 200;
const CONNECTIONS = 40;
const SECRET = 'bench_webhook_secret';
const FIRST_USER = 800_000;
/** Steps that persist dialog state whatever the date: status, help, language back and forth. */
const SCRIPT = ['/trangthai', '/trogiup', '/ngonngu', '/trangthai', '/ngonngu', 'xin chào'];

function startWorker(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [BOT_ENTRY], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start: ${log}`)), 60_000);
    const read = (chunk: Buffer) => {
      log += String(chunk);
      const match = /127\.0\.0\.1:(\d+)\/healthz/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
  });
}

async function drive(urls: string[], chats: number[]): Promise<{ updates: number; seconds: number; rate: number; p50: number; p99: number }> {
  const latencies: number[] = [];
  let nextUpdate = 1;
  let nextChat = 0;
  let turn = 0;
  const lane = async () => {
    for (let index = nextChat++; index < chats.length; index = nextChat++) {
      const chat = chats[index] ?? 0;
      for (const text of SCRIPT) {
        const id = nextUpdate++;
        const body = JSON.stringify({ update_id: id, message: { message_id: id, date: 1_800_000_000, chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'Lan' }, text } });
        const url = urls[turn++ % urls.length] ?? '';
        const started = performance.now();
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body });
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, lane));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { updates: latencies.length, seconds, rate: latencies.length / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

async function round(workers: number, tg: TelegramEmulator): Promise<void> {
  const database = await freshPostgresDatabase();
  const { prisma } = await openDatabase(database.url);
  await seedDemoProvince(prisma);
  const contacts = await addContacts(prisma, REPORTERS, { firstUserId: FIRST_USER });
  await prisma.$disconnect();
  const env = {
    DATABASE_URL: database.url,
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1:9/tg',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    HTTP_PORT: '0',
    LOG_LEVEL: 'info',
    QUIET_HOURS: '00:00-23:59',
    CATCH_UP_HOURS: '0',
  };
  const started = await Promise.all(Array.from({ length: workers }, () => startWorker(env)));
  try {
    const figures = await drive(started.map(({ port }) => `http://127.0.0.1:${port}/tg`), contacts.map((c) => c.telegramUserId));
    process.stdout.write(
      `${workers} worker(s): ${figures.updates} updates in ${figures.seconds.toFixed(2)} s = ${figures.rate.toFixed(0)} updates/s, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms\n`,
    );
  } finally {
    for (const { child } of started) child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await database.drop();
  }
}

export async function run(): Promise<void> {
  if (!TEST_POSTGRES_URL) {
    process.stdout.write('skipped: set TEST_POSTGRES_URL to a PostgreSQL server (scripts/test-postgres.sh start)\n');
    return;
  }
  const tg = await TelegramEmulator.start({ rateLimit: false });
  try {
    process.stdout.write(`${REPORTERS} reporters × ${SCRIPT.length} updates, ${CONNECTIONS} chats in flight, PostgreSQL\n`);
    await round(1, tg);
    await round(2, tg);
  } finally {
    await tg.close();
  }
}
