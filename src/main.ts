import { ConfigError, parseConfig, readDotenv, secretsOf, sqlitePathOf, type Config } from './config.ts';
import type { RunningChannel } from './channels/channel.ts';
import { registerHealthRoute, type ChannelStatus } from './http/health-route.ts';
import { HttpServer } from './http/http-server.ts';
import { describeError } from './i18n/describe-error.ts';
import { toLocale } from './i18n/locales.ts';
import { translate } from './i18n/translator.ts';
import { createLogger, type Logger } from './logging/logger.ts';
import { createPrismaClient, isDatabaseReachable, migrateDatabase } from './storage/database.ts';
import { seedDemoProvince } from './storage/seed-demo.ts';

/** The composition root: configuration, storage, HTTP, channels, and a clean shutdown. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = parseConfig(process.env, readDotenv());
  } catch (error) {
    const locale = toLocale(process.env.BOT_LOCALE);
    process.stderr.write(`${describeError(locale, error)}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
  const locale = config.BOT_LOCALE;
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const logger = createLogger({
    level: config.LOG_LEVEL,
    pretty: Boolean(process.stderr.isTTY) && config.NODE_ENV !== 'production',
    secrets: secretsOf(config),
  });

  const databasePath = sqlitePathOf(config.DATABASE_URL);
  try {
    const report = migrateDatabase(databasePath);
    if (report.applied.length) logger.info({ applied: report.applied }, 'database migrated');
  } catch (error) {
    return stopWith(logger, describeError(locale, error));
  }
  const prisma = createPrismaClient(databasePath);
  if ((await prisma.unit.count()) === 0) {
    const seeded = await seedDemoProvince(prisma);
    logger.info(t('startup.seeded', { units: seeded.units }));
  }

  const channels: RunningChannel[] = [];
  if (!config.TELEGRAM_BOT_TOKEN) logger.info(t('startup.telegram_off'));
  if (!config.ZALO_BOT_TOKEN) logger.info(t('startup.zalo_off'));

  const http = new HttpServer(logger);
  registerHealthRoute(http, {
    isDatabaseReachable: () => isDatabaseReachable(prisma),
    channels: () => channelStatuses(config, channels),
  });
  let address: { host: string; port: number };
  try {
    address = await http.listen(config.HTTP_HOST, config.HTTP_PORT);
  } catch (error) {
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    await prisma.$disconnect();
    return stopWith(logger, busy ? t('startup.port_busy', { host: config.HTTP_HOST, port: config.HTTP_PORT }) : describeError(locale, error));
  }
  for (const channel of channels) await channel.start();
  logger.info(t('startup.ready', { host: address.host, port: address.port }));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, t('startup.stopping'));
    for (const channel of channels) await channel.stop().catch((err: unknown) => logger.warn({ err }, 'channel stop failed'));
    await http.close();
    await prisma.$disconnect();
    logger.info(t('startup.stopped'));
    logger.flush?.();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

function channelStatuses(config: Config, running: RunningChannel[]): Record<string, ChannelStatus> {
  const statuses: Record<string, ChannelStatus> = {
    telegram: config.TELEGRAM_BOT_TOKEN ? 'failed' : 'off',
    zalo: config.ZALO_BOT_TOKEN ? 'failed' : 'off',
    console: 'off',
  };
  for (const channel of running) statuses[channel.name] = channel.status();
  return statuses;
}

function stopWith(logger: Logger, message: string): never {
  logger.fatal(message);
  logger.flush?.();
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

await main();
