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
import { importCompiled } from '../../support/compiled-modules.ts';

const { createBot } = await importCompiled<typeof import('../../../src/main/create-bot.ts')>('main/create-bot');
const { parseConfig } = await importCompiled<typeof import('../../../src/config.ts')>('config');
const { createLogger } = await importCompiled<typeof import('../../../src/logging/logger.ts')>('logging/logger');

/** How long an outbox claim lasts: short, so a claim left by a killed process expires soon; the restarted sender looks for such claims twice as often. */
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
  HTTP_PORT: '0',
});
// Warnings and errors go to standard error, where the parent keeps the tail for a failure message.
const logger = createLogger({ level: 'warn', pretty: false, secrets: [config.TELEGRAM_BOT_TOKEN ?? ''], destination: process.stderr });
// Only the sender of the scheduled side: the parent commits the reminder waves itself, as `reminders send` does.
const bot = await createBot(config, logger, { clock, scheduling: 'sender', senderTuning: { leaseMs: CRASH_LEASE_MS, recoveryIntervalMs: CRASH_LEASE_MS / 2, pollIntervalMs: 100 } });
await bot.start();
process.stdout.write('READY\n');
