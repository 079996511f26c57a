/**
 * The process entry (`npm start`): reads the environment once, builds the bot, starts it, and stops it
 * cleanly on SIGINT or SIGTERM (or Ctrl+C in the terminal chat). Everything else is in `createBot`.
 */
import { ConfigError, parseConfig, readDotenv, secretsOf, type Config } from '../config.ts';
import { describeError } from '../i18n/describe-error.ts';
import { toLocale } from '../i18n/locales.ts';
import { translate } from '../i18n/translator.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import { createBot, type Bot } from './create-bot.ts';

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const t = (key: string, params?: Record<string, string | number>) => translate(config.BOT_LOCALE, key, params);
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: Boolean(process.stderr.isTTY) && config.NODE_ENV !== 'production', secrets: secretsOf(config) });
  let stopping = false;
  let bot: Bot | undefined;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, t('startup.stopping'));
    await bot?.stop();
    logger.info(t('startup.stopped'));
    logger.flush?.();
    process.exit(0);
  };
  // A terminal chat needs a terminal: as a service or in a pipe, the bot runs without it.
  const terminal = process.stdin.isTTY ? { input: process.stdin, output: process.stdout, onInterrupt: () => void shutdown('SIGINT') } : undefined;
  try {
    bot = await createBot(config, logger, { seedDemo: true, ...(terminal ? { console: terminal } : {}) });
  } catch (error) {
    return stopWith(logger, describeError(config.BOT_LOCALE, error));
  }
  if (bot.opened.migrations.length) logger.info({ applied: bot.opened.migrations }, 'database migrated');
  if (bot.opened.seededUnits) logger.info(t('startup.seeded', { units: bot.opened.seededUnits }));
  try {
    await bot.start();
  } catch (error) {
    await bot.prisma.$disconnect();
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    return stopWith(logger, busy ? t('startup.port_busy', { host: config.HTTP_HOST, port: config.HTTP_PORT }) : describeError(config.BOT_LOCALE, error));
  }
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
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
