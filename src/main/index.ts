/**
 * The process entry (`npm start`): reads the environment once, builds the bot, starts it, and stops it
 * cleanly on SIGINT or SIGTERM (or Ctrl+C in the terminal chat). Everything else is in `createBot`.
 */
import { parseConfig, readDotenv, secretsOf, type Config } from '../config.ts';
import { ConfigError } from '../shared/config-error.ts';
import { registerHealthRoute, type ChannelStatus } from '../http/health-route.ts';
import { httpLimitsOf } from '../http/http-limits.ts';
import { HttpServer } from '../http/http-server.ts';
import { describeError } from '../i18n/describe-error.ts';
import { toLocale } from '../domain/localized-text.ts';
import { translate } from '../i18n/translator.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import type { PrismaClient } from '../storage/database.ts';
import type { Bot } from './create-bot.ts';

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const t = (key: string, params?: Record<string, string | number>) => translate(config.BOT_LOCALE, key, params);
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: Boolean(process.stderr.isTTY) && config.NODE_ENV !== 'production', secrets: secretsOf(config) });
  let stopping = false;
  let bot: Bot | undefined;
  let prisma: PrismaClient | undefined;
  const http = new HttpServer(logger, httpLimitsOf(config));
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, t('startup.stopping'));
    if (bot) await bot.stop();
    else await http.close().then(() => prisma?.$disconnect());
    logger.info(t('startup.stopped'));
    logger.flush?.();
    process.exit(0);
  };
  // A terminal chat needs a terminal: as a service or in a pipe, the bot runs without it.
  const terminal = process.stdin.isTTY ? { input: process.stdin, output: process.stdout, onInterrupt: () => void shutdown('SIGINT') } : undefined;
  // Signals are heard from the start: a stop asked for while starting is a clean stop too.
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // The database first, then /healthz answers at once (channels "starting") while the rest loads.
  try {
    const { isDatabaseReachable, openDatabase } = await import('../storage/database.ts');
    const opened = await openDatabase(config.DATABASE_URL);
    const database = opened.prisma;
    prisma = database;
    if (opened.report.applied.length) logger.info({ applied: opened.report.applied }, 'database migrated');
    registerHealthRoute(http, { isDatabaseReachable: () => isDatabaseReachable(database), channels: () => startingChannels(config) });
  } catch (error) {
    return stopWith(logger, describeError(config.BOT_LOCALE, error));
  }
  try {
    const address = await http.listen(config.HTTP_HOST, config.HTTP_PORT);
    logger.info(t('startup.listening', { host: address.host, port: address.port }));
  } catch (error) {
    await prisma?.$disconnect();
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    return stopWith(logger, busy ? t('startup.port_busy', { host: config.HTTP_HOST, port: config.HTTP_PORT }) : describeError(config.BOT_LOCALE, error));
  }
  try {
    const { createBot } = await import('./create-bot.ts');
    const built = await createBot(config, logger, { prisma, http, seedDemo: true, ...(terminal ? { console: terminal } : {}) });
    if (stopping) return void (await built.stop());
    bot = built;
    if (bot.opened.seededUnits) logger.info(t('startup.seeded', { units: bot.opened.seededUnits }));
    await bot.start();
  } catch (error) {
    await http.close();
    await prisma?.$disconnect();
    return stopWith(logger, describeError(config.BOT_LOCALE, error));
  }
}

/** Before the channels start: the configured ones are starting, the others off. */
function startingChannels(config: Config): Record<string, ChannelStatus> {
  return { telegram: config.TELEGRAM_BOT_TOKEN ? 'starting' : 'off', zalo: config.ZALO_BOT_TOKEN ? 'starting' : 'off', console: process.stdin.isTTY ? 'starting' : 'off' };
}

function readConfigOrExit(): Config {
  try {
    return parseConfig(process.env, readDotenv());
  } catch (error) {
    process.stderr.write(`${describeError(toLocale(process.env.BOT_LOCALE), error)}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
}

function stopWith(logger: Logger, message: string): never {
  logger.fatal(message);
  logger.flush?.();
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

await main();
