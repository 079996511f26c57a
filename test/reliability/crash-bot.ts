/**
 * The bot as the crash-safety test runs it in a child process, to be killed with SIGKILL at any
 * moment: the real core, the Telegram channel (long polling) and the outbox sender over a real
 * SQLite file, talking to a Telegram emulator that lives in the parent. Settings come from the
 * environment; "READY" on standard output says it is taking updates and delivering.
 *
 * CRASH_DATABASE_URL, CRASH_TG_TOKEN, CRASH_TG_API_ROOT: where to work.
 * CRASH_CLOCK_OFFSET_MS: added to the real time, so a report period is open and the clock never
 * runs backwards across restarts. CRASH_SEND_RATE: outbox sends a second.
 */
import { Writable } from 'node:stream';
import { createBotCore } from '../../src/bot-core.ts';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import { parseConfig } from '../../src/config.ts';
import { HttpServer } from '../../src/http/http-server.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createScheduling } from '../../src/scheduling.ts';
import { openDatabase } from '../../src/storage/database.ts';

/** How long an outbox claim lasts: short, so a claim left by a killed process expires before the restart is up. */
const CRASH_LEASE_MS = 1000;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const offset = Number(process.env.CRASH_CLOCK_OFFSET_MS ?? '0');
const clock = { now: () => new Date(Date.now() + offset) };
const config = parseConfig({
  DATABASE_URL: required('CRASH_DATABASE_URL'),
  TELEGRAM_BOT_TOKEN: required('CRASH_TG_TOKEN'),
  TELEGRAM_API_ROOT: required('CRASH_TG_API_ROOT'),
  TELEGRAM_SEND_RATE: process.env.CRASH_SEND_RATE ?? '25',
  QUIET_HOURS: 'off',
});
// Warnings and errors go to standard error, where the parent keeps the tail for a failure message.
const logger = createLogger({ level: 'warn', pretty: false, secrets: [config.TELEGRAM_BOT_TOKEN ?? ''], destination: process.stderr });
const { prisma } = await openDatabase(config.DATABASE_URL);
const core = await createBotCore(config, prisma, logger, clock);
const silent = createLogger({ level: 'silent', pretty: false, secrets: [], destination: new Writable({ write: (_chunk, _enc, done) => done() }) });
const http = new HttpServer(silent);
await http.listen('127.0.0.1', 0);
const channel = new TelegramChannel({
  token: config.TELEGRAM_BOT_TOKEN ?? '',
  apiRoot: config.TELEGRAM_API_ROOT,
  http,
  inbound: core.inbound,
  logger,
  locale: 'vi',
});
await channel.start();
// Only the sender: the parent commits the reminder waves itself, as `reminders send` does.
const scheduling = createScheduling({ config, prisma, forms: core.forms, clock, logger, senderTuning: { leaseMs: CRASH_LEASE_MS, pollIntervalMs: 100 } });
scheduling.sender.start();
process.stdout.write('READY\n');
