/**
 * One bot worker for the multi-worker tests and benchmark: the product's own scheduler and outbox
 * sender over a shared PostgreSQL database, with a clock that starts at WORKER_NOW and runs at real
 * speed. It ticks the scheduler once at start (every worker at the same instant, so the wave must be
 * written once) and then keeps delivering until it is stopped or killed.
 */
import { parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createScheduling } from '../../src/scheduling.ts';
import { openDatabase } from '../../src/storage/database.ts';
import { readFormFolder } from '../../src/storage/form-files.ts';
import { syncForms } from '../../src/storage/repositories/form-repository.ts';

const config = parseConfig({
  DATABASE_URL: process.env.DATABASE_URL,
  TELEGRAM_BOT_TOKEN: process.env.TELEGRAM_BOT_TOKEN,
  TELEGRAM_API_ROOT: process.env.TELEGRAM_API_ROOT,
  QUIET_HOURS: 'off',
  CATCH_UP_HOURS: '0',
});
const start = Date.now();
const origin = new Date(process.env.WORKER_NOW ?? new Date().toISOString()).getTime();
const clock = { now: () => new Date(origin + (Date.now() - start)) };
const logger = createLogger({ level: 'warn', pretty: false, secrets: [config.TELEGRAM_BOT_TOKEN ?? ''], destination: process.stderr });

const { prisma } = await openDatabase(config.DATABASE_URL);
const forms = await syncForms(prisma, readFormFolder());
const scheduling = createScheduling({
  config,
  prisma,
  forms,
  clock,
  logger,
  senderTuning: { leaseMs: Number(process.env.WORKER_LEASE_MS ?? 30_000), pollIntervalMs: 200, worker: process.env.WORKER_NAME },
});
scheduling.sender.start();
const waves = await scheduling.runner.tick(clock.now());
process.stdout.write(`${JSON.stringify({ ready: true, waves: waves.length })}\n`);

process.once('SIGTERM', () => {
  void scheduling.stop().then(() => prisma.$disconnect()).then(() => process.exit(0));
});
