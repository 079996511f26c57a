/**
 * The composition root: `createBot(config, overrides)` builds the whole bot once (storage, the core and
 * its chat features, the HTTP server with its routes, the channels, the outbox sender and the
 * scheduler) and returns what its callers need. The process entry, the test harnesses and the
 * benchmarks all build the bot here; they replace only what is at the edges (clock, streams,
 * platform addresses and timings).
 */
import type { Readable, Writable } from 'node:stream';
import { createDigestComposer } from '../app/digest/digest-composer.ts';
import type { OutboxTransport } from '../app/outbox-ports.ts';
import { systemClock, type Clock } from '../app/ports.ts';
import type { RunningChannel } from '../channels/channel.ts';
import { ConsoleChannel } from '../channels/console/console-channel.ts';
import { TelegramChannel } from '../channels/telegram/telegram-channel.ts';
import { ZaloChannel, type ZaloChannelTuning } from '../channels/zalo/zalo-channel.ts';
import type { Config } from '../config.ts';
import { ChartStore } from '../http/chart-route.ts';
import { documentStore } from '../http/document-route.ts';
import { httpLimitsOf } from '../http/http-limits.ts';
import { HttpServer } from '../http/http-server.ts';
import { translate } from '../i18n/translator.ts';
import type { Logger } from '../logging/logger.ts';
import { openDatabase, type PrismaClient } from '../storage/database.ts';
import { seedDemoProvince } from '../storage/seed-demo.ts';
import { mountDashboard } from '../web/dashboard/wire-dashboard.ts';
import { registerOperatorRoutes } from './bot-routes.ts';
import { servedFilesFolder } from '../http/served-files-folder.ts';
import { createBotCore, type BotCore } from './create-core.ts';
import { createScheduling, type Scheduling, type SchedulingOptions } from './create-scheduling.ts';
import { wireDigestNow } from './wire-digest-now.ts';

/** What callers may replace: only the edges. */
export interface BotOverrides {
  clock?: Clock;
  /** An already opened database (a test reopening the same file); by default DATABASE_URL is migrated and opened. */
  prisma?: PrismaClient;
  /** The HTTP server, perhaps already listening (the process entry answers /healthz before the rest is built). */
  http?: HttpServer;
  /** Loads the demo province into an empty database (the process entry does, for `npm start` on a new machine). */
  seedDemo?: boolean;
  /** A terminal chat on these streams; `onInterrupt` is what Ctrl+C in it does. */
  console?: { input: Readable; output: Writable; onInterrupt?: () => void; terminal?: boolean };
  zaloTuning?: ZaloChannelTuning;
  /** The scheduled side: on by default; 'sender' runs only the outbox sender; false neither. */
  scheduling?: boolean | 'sender';
  transports?: OutboxTransport[];
  senderTuning?: SchedulingOptions['senderTuning'];
  pacers?: SchedulingOptions['pacers'];
}

/** A built bot. Nothing runs until `start`. */
export interface Bot {
  config: Config;
  prisma: PrismaClient;
  core: BotCore;
  http: HttpServer;
  channels: RunningChannel[];
  scheduling: Scheduling;
  /** What happened while opening: migrations applied, demo units loaded. */
  opened: { migrations: string[]; seededUnits: number };
  /** Listens (health answers from then on), starts the channels, then the sender and scheduler. */
  start(): Promise<{ host: string; port: number }>;
  /** Stops the scheduler, the channels and the server, then closes the database. */
  stop(): Promise<void>;
}

export async function createBot(config: Config, logger: Logger, overrides: BotOverrides = {}): Promise<Bot> {
  const clock = overrides.clock ?? systemClock;
  let prisma = overrides.prisma;
  const opened = { migrations: [] as string[], seededUnits: 0 };
  if (!prisma) {
    const database = await openDatabase(config.DATABASE_URL);
    prisma = database.prisma;
    opened.migrations = database.report.applied;
  }
  if (overrides.seedDemo && (await prisma.unit.count()) === 0) opened.seededUnits = (await seedDemoProvince(prisma)).units;
  const core = await createBotCore(config, prisma, logger, clock);
  const http = overrides.http ?? new HttpServer(logger, httpLimitsOf(config));
  const channels = buildChannels(config, core, http, logger, overrides);
  registerOperatorRoutes(http, { config, prisma, channels: () => channels, inbound: core.inbound });
  mountDashboard(http, { prisma, config, contacts: core.storage.contacts, reportData: core.reportData, forms: core.forms, clock, logger });
  const charts = config.PUBLIC_BASE_URL ? new ChartStore(servedFilesFolder(config, 'charts'), config.PUBLIC_BASE_URL) : undefined;
  charts?.files.register(http);
  documentStore(config)?.register(http);
  const composer = createDigestComposer({ source: core.reportData, forms: () => core.forms.current(), timeZone: config.BOT_TIMEZONE, contacts: core.storage.contacts, charts });
  const scheduling = createScheduling({
    config,
    prisma,
    forms: core.forms,
    clock,
    logger,
    composer,
    ...(overrides.transports ? { transports: overrides.transports } : {}),
    ...(overrides.pacers ? { pacers: overrides.pacers } : {}),
    ...(overrides.senderTuning ? { senderTuning: overrides.senderTuning } : {}),
  });
  // /tonghop sends Monday's chart and workbook too, through this sender's outbox.
  const digestNow = wireDigestNow(core, prisma, logger, { charts, notify: () => scheduling.sender.notify() });
  const schedule = overrides.scheduling ?? true;
  const database = prisma;
  return {
    config,
    prisma: database,
    core,
    http,
    channels,
    scheduling,
    opened,
    async start() {
      const address = await http.listen(config.HTTP_HOST, config.HTTP_PORT);
      logger.info(translate(config.BOT_LOCALE, 'startup.ready', { host: address.host, port: address.port }));
      for (const channel of channels) await channel.start();
      // After the channels: the sender delivers, the scheduler catches up what it missed, then ticks each minute.
      if (schedule === 'sender') scheduling.sender.start();
      else if (schedule) await scheduling.start().catch((error: unknown) => logger.error({ err: error }, 'scheduler start failed'));
      return address;
    },
    async stop() {
      await digestNow.idle().catch((error: unknown) => logger.warn({ err: error }, 'digest files not written'));
      await scheduling.stop().catch((error: unknown) => logger.warn({ err: error }, 'scheduler stop failed'));
      for (const channel of channels) await channel.stop().catch((error: unknown) => logger.warn({ err: error }, 'channel stop failed'));
      await http.close();
      core.storage.inbound.close?.();
      await database.$disconnect();
    },
  };
}

/** The channels this configuration turns on; the log says why the others are off. */
function buildChannels(config: Config, core: BotCore, http: HttpServer, logger: Logger, overrides: BotOverrides): RunningChannel[] {
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
    channels.push(new ZaloChannel({ ...shared, token: config.ZALO_BOT_TOKEN, apiRoot, webhookUrl, webhookSecret, ...(overrides.zaloTuning ? { tuning: overrides.zaloTuning } : {}) }));
  } else {
    logger.info(t('startup.zalo_off'));
  }
  if (overrides.console) {
    channels.push(new ConsoleChannel({ inbound: core.inbound, ...overrides.console, locale: config.BOT_LOCALE }));
  } else {
    logger.info(t('startup.console_off'));
  }
  return channels;
}
