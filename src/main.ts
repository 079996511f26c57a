import { dirname, join } from 'node:path';
import { createDigestComposer } from './app/digest/digest-composer.ts';
import { createBotCore, type BotCore } from './bot-core.ts';
import type { RunningChannel } from './channels/channel.ts';
import { ConsoleChannel } from './channels/console/console-channel.ts';
import { TelegramChannel } from './channels/telegram/telegram-channel.ts';
import { ZaloChannel } from './channels/zalo/zalo-channel.ts';
import { ConfigError, isPostgresUrl, parseConfig, readDotenv, secretsOf, sqlitePathOf, type Config } from './config.ts';
import { ChartStore, registerChartRoute } from './http/chart-route.ts';
import { DocumentStore, documentsFolder, registerDocumentRoute } from './http/document-route.ts';
import { registerHealthRoute, type ChannelStatus } from './http/health-route.ts';
import { registerMetricsRoute } from './http/metrics-route.ts';
import { sqlCounters } from './storage/sql-counters.ts';
import { HttpServer } from './http/http-server.ts';
import { describeError } from './i18n/describe-error.ts';
import { toLocale } from './i18n/locales.ts';
import { translate } from './i18n/translator.ts';
import { createLogger, type Logger } from './logging/logger.ts';
import { createScheduling } from './scheduling.ts';
import { isDatabaseReachable, openDatabase, type PrismaClient } from './storage/database.ts';
import { seedDemoProvince } from './storage/seed-demo.ts';
import { mountDashboard } from './web/dashboard/wire-dashboard.ts';

/** The composition root: configuration, storage, the core, HTTP, channels, and a clean shutdown. */
async function main(): Promise<void> {
  const config = readConfigOrExit();
  const t = (key: string, params?: Record<string, string | number>) => translate(config.BOT_LOCALE, key, params);
  const logger = createLogger({
    level: config.LOG_LEVEL,
    pretty: Boolean(process.stderr.isTTY) && config.NODE_ENV !== 'production',
    secrets: secretsOf(config),
  });

  let prisma: PrismaClient;
  let core: BotCore;
  try {
    const opened = await openDatabase(config.DATABASE_URL);
    prisma = opened.prisma;
    if (opened.report.applied.length) logger.info({ applied: opened.report.applied }, 'database migrated');
    if ((await prisma.unit.count()) === 0) {
      const seeded = await seedDemoProvince(prisma);
      logger.info(t('startup.seeded', { units: seeded.units }));
    }
    core = await createBotCore(config, prisma, logger);
  } catch (error) {
    return stopWith(logger, describeError(config.BOT_LOCALE, error));
  }

  const http = new HttpServer(logger);
  const channels = buildChannels(config, core, http, logger);
  registerHealthRoute(http, {
    isDatabaseReachable: () => isDatabaseReachable(prisma),
    channels: () => channelStatuses(config, channels),
  });
  registerMetricsRoute(http, () => [
    { name: 'bot_sql_statements_total', help: 'SQL statements run (transaction control not counted)', value: () => sqlCounters.statements },
    { name: 'bot_sql_transactions_total', help: 'SQL write transactions committed', value: () => sqlCounters.transactions },
    ...(['handled', 'repeat', 'failed'] as const).map((outcome) => ({
      name: 'bot_inbound_updates_total',
      help: 'Inbound updates by outcome',
      labels: { outcome },
      value: () => core.inbound.outcomes[outcome],
    })),
    { name: 'process_cpu_seconds_total', help: 'CPU time of the process', value: () => (process.cpuUsage().user + process.cpuUsage().system) / 1e6 },
  ]);
  mountDashboard(http, { prisma, config, contacts: core.storage.contacts, reportData: core.reportData, forms: core.forms, clock: core.clock, logger });
  let address: { host: string; port: number };
  try {
    address = await http.listen(config.HTTP_HOST, config.HTTP_PORT);
  } catch (error) {
    await prisma.$disconnect();
    const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    return stopWith(logger, busy ? t('startup.port_busy', { host: config.HTTP_HOST, port: config.HTTP_PORT }) : describeError(config.BOT_LOCALE, error));
  }
  logger.info(t('startup.ready', { host: address.host, port: address.port }));
  for (const channel of channels) await channel.start();
  // After the channels: the outbox sender delivers, the scheduler catches up what it missed, then ticks each minute.
  const charts = config.PUBLIC_BASE_URL ? new ChartStore(chartsFolder(config), config.PUBLIC_BASE_URL) : undefined;
  if (charts) registerChartRoute(http, charts);
  if (config.PUBLIC_BASE_URL) registerDocumentRoute(http, new DocumentStore(documentsFolder(config), config.PUBLIC_BASE_URL));
  const composer = createDigestComposer({
    source: core.reportData,
    forms: () => core.forms.current(),
    timeZone: config.BOT_TIMEZONE,
    contacts: core.storage.contacts,
    charts,
  });
  const scheduling = createScheduling({ config, prisma, forms: core.forms, clock: core.clock, logger, composer });
  await scheduling.start().catch((error: unknown) => logger.error({ err: error }, 'scheduler start failed'));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, t('startup.stopping'));
    await scheduling.stop().catch((err: unknown) => logger.warn({ err }, 'scheduler stop failed'));
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

/** Digest charts for Zalo live beside the SQLite file, or under ./data with PostgreSQL. */
function chartsFolder(config: Config): string {
  return isPostgresUrl(config.DATABASE_URL) ? join('data', 'charts') : join(dirname(sqlitePathOf(config.DATABASE_URL)), 'charts');
}

function readConfigOrExit(): Config {
  try {
    return parseConfig(process.env, readDotenv());
  } catch (error) {
    process.stderr.write(`${describeError(toLocale(process.env.BOT_LOCALE), error)}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
}

/** The channels this configuration turns on; the log says why the others are off. */
function buildChannels(config: Config, core: BotCore, http: HttpServer, logger: Logger): RunningChannel[] {
  const t = (key: string) => translate(config.BOT_LOCALE, key);
  const channels: RunningChannel[] = [];
  const shared = { http, inbound: core.inbound, logger, locale: config.BOT_LOCALE };
  if (config.TELEGRAM_BOT_TOKEN) {
    const { TELEGRAM_API_ROOT: apiRoot, TELEGRAM_WEBHOOK_URL: webhookUrl, TELEGRAM_WEBHOOK_SECRET: webhookSecret } = config;
    channels.push(new TelegramChannel({ ...shared, token: config.TELEGRAM_BOT_TOKEN, apiRoot, webhookUrl, webhookSecret }));
  } else {
    logger.info(t('startup.telegram_off'));
  }
  if (config.ZALO_BOT_TOKEN) {
    const { ZALO_API_ROOT: apiRoot, ZALO_WEBHOOK_URL: webhookUrl, ZALO_WEBHOOK_SECRET: webhookSecret } = config;
    channels.push(new ZaloChannel({ ...shared, token: config.ZALO_BOT_TOKEN, apiRoot, webhookUrl, webhookSecret }));
  } else {
    logger.info(t('startup.zalo_off'));
  }
  if (process.stdin.isTTY) {
    channels.push(new ConsoleChannel({ inbound: core.inbound, input: process.stdin, output: process.stdout, locale: config.BOT_LOCALE }));
  } else {
    logger.info(t('startup.console_off'));
  }
  return channels;
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
