/**
 * One bot worker for the multi-worker tests and benchmark: the product's own scheduler and outbox
 * sender over a shared PostgreSQL database, with a clock that starts at WORKER_NOW and runs at real
 * speed. It ticks the scheduler once at start (every worker at the same instant, so the wave must be
 * written once) and then keeps delivering until it is stopped or killed.
 */
import { importCompiled } from '../../support/compiled-modules.ts';

const { createBot } = await importCompiled<typeof import('../../../src/main/create-bot.ts')>('main/create-bot');
const { parseConfig } = await importCompiled<typeof import('../../../src/config.ts')>('config');
const { createLogger } = await importCompiled<typeof import('../../../src/logging/logger.ts')>('logging/logger');

const config = parseConfig({
  DATABASE_URL: process.env.DATABASE_URL,
  TELEGRAM_BOT_TOKEN: process.env.TELEGRAM_BOT_TOKEN,
  TELEGRAM_API_ROOT: process.env.TELEGRAM_API_ROOT,
  QUIET_HOURS: 'off',
  CATCH_UP_HOURS: '0',
  HTTP_PORT: '0',
});
const start = Date.now();
const origin = new Date(process.env.WORKER_NOW ?? new Date().toISOString()).getTime();
const clock = { now: () => new Date(origin + (Date.now() - start)) };
const logger = createLogger({ level: 'warn', pretty: false, secrets: [config.TELEGRAM_BOT_TOKEN ?? ''], destination: process.stderr });

const bot = await createBot(config, logger, {
  clock,
  senderTuning: {
    leaseMs: Number(process.env.WORKER_LEASE_MS ?? 30_000),
    holdMs: Number(process.env.WORKER_HOLD_MS ?? 60_000),
    recoveryIntervalMs: Number(process.env.WORKER_RECOVERY_MS ?? 60_000),
    pollIntervalMs: 200,
    worker: process.env.WORKER_NAME,
  },
});
// Only the scheduled side runs: no channel polls the emulator, whose updates are not this test's.
const { scheduling } = bot;
scheduling.sender.start();
const waves = await scheduling.runner.tick(clock.now());
process.stdout.write(`${JSON.stringify({ ready: true, waves: waves.length })}\n`);

process.once('SIGTERM', () => {
  void bot.stop().then(() => process.exit(0));
});
