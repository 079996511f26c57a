/**
 * Composes the scheduled side of the bot over storage and the configuration: the outbox sender
 * (one paced transport per configured messenger) and the scheduler (planner settings from
 * QUIET_HOURS, QUIET_WEEKENDS, DIGEST_SCHEDULE and BOT_TIMEZONE; a minute timer from node-cron).
 */
import { placeholderDigestComposer } from '../app/digest-wave.ts';
import type { DigestComposer } from '../app/digest-composer.ts';
import type { OutboxChannel, OutboxTransport } from '../app/outbox-ports.ts';
import type { Clock, FormCatalog } from '../app/ports.ts';
import { TelegramOutboxTransport } from '../channels/telegram/telegram-outbox-sender.ts';
import { ZaloOutboxTransport } from '../channels/zalo/zalo-outbox-sender.ts';
import { isPostgresUrl, type Config } from '../config.ts';
import type { Logger } from '../logging/logger.ts';
import { OutboxSender, type OutboxSenderOptions } from '../outbox/outbox-sender.ts';
import { SendPacer, type Pacer } from '../outbox/send-pacer.ts';
import { SharedSendPacer } from '../outbox/shared-send-pacer.ts';
import { CronTrigger } from '../scheduler/cron-trigger.ts';
import { plannerSettings } from '../scheduler/planner-settings.ts';
import { SchedulerRunner } from '../scheduler/scheduler-runner.ts';
import type { PrismaClient } from '../storage/database.ts';
import { ContactRepository } from '../storage/repositories/contact-repository.ts';
import { JobRunRepository } from '../storage/repositories/job-run-repository.ts';
import { OutboxRepository } from '../storage/repositories/outbox-repository.ts';
import { RecipientRepository } from '../storage/repositories/recipient-repository.ts';
import { SendBudgetRepository } from '../storage/repositories/send-budget-repository.ts';

/** Spacing between two messages to one chat: the platforms allow about one a second; a margin keeps clear of it even when one call is held up on the way. */
export const PER_CHAT_INTERVAL_MS = 1250;

/**
 * A pacer at the configured rate of a channel. On PostgreSQL several workers may share the database,
 * so the budget is kept there; one SQLite process paces in memory.
 */
export function pacerFor(channel: OutboxChannel, config: Pick<Config, 'TELEGRAM_SEND_RATE' | 'ZALO_SEND_RATE' | 'DATABASE_URL'>, prisma?: PrismaClient): Pacer {
  const perSecond = channel === 'telegram' ? config.TELEGRAM_SEND_RATE : config.ZALO_SEND_RATE;
  if (prisma && isPostgresUrl(config.DATABASE_URL)) return new SharedSendPacer({ channel, perSecond, perChatIntervalMs: PER_CHAT_INTERVAL_MS, budget: new SendBudgetRepository(prisma) });
  return new SendPacer({ perSecond, perChatIntervalMs: PER_CHAT_INTERVAL_MS });
}

/** One transport per messenger that has a token. */
export function transportsFromConfig(config: Config): OutboxTransport[] {
  const transports: OutboxTransport[] = [];
  if (config.TELEGRAM_BOT_TOKEN) transports.push(new TelegramOutboxTransport({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT }));
  if (config.ZALO_BOT_TOKEN) transports.push(new ZaloOutboxTransport({ token: config.ZALO_BOT_TOKEN, apiRoot: config.ZALO_API_ROOT }));
  return transports;
}

/** What `createScheduling` needs. */
export interface SchedulingOptions {
  config: Config;
  prisma: PrismaClient;
  forms: FormCatalog;
  clock: Clock;
  logger: Logger;
  /** The weekly digest's writer; a placeholder until the real one is given. */
  composer?: DigestComposer;
  /** Defaults to the configured messengers. */
  transports?: OutboxTransport[];
  /** Pacers per channel; default from TELEGRAM_SEND_RATE and ZALO_SEND_RATE. */
  pacers?: Partial<Record<OutboxChannel, Pacer>>;
  /** Tests shorten the sender's timings. */
  senderTuning?: Partial<Omit<OutboxSenderOptions, 'store' | 'routes' | 'clock' | 'logger'>>;
}

/** The sender, the scheduler and its timer, started and stopped together. */
export interface Scheduling {
  sender: OutboxSender;
  runner: SchedulerRunner;
  trigger: CronTrigger;
  /** Starts the sender, catches up missed waves, then ticks every minute. */
  start(): Promise<void>;
  /** Stops the timer, then the sender (claimed deliveries finish). */
  stop(): Promise<void>;
}

/** Wires the outbox sender and the scheduler over one database. */
export function createScheduling(options: SchedulingOptions): Scheduling {
  const { config, prisma, clock, logger } = options;
  const transports = options.transports ?? transportsFromConfig(config);
  const sender = new OutboxSender({
    store: new OutboxRepository(prisma),
    routes: transports.map((transport) => ({ transport, pacer: options.pacers?.[transport.channel] ?? pacerFor(transport.channel, config, prisma) })),
    clock,
    logger,
    // One SQLite process has nobody to share a wave with: what it takes is its own, also after a restart.
    ...(isPostgresUrl(config.DATABASE_URL) ? {} : { holdMs: 0 }),
    ...options.senderTuning,
  });
  const runner = new SchedulerRunner({
    forms: () => options.forms.current(),
    settings: plannerSettings(config),
    catchUpHours: config.CATCH_UP_HOURS,
    store: new JobRunRepository(prisma),
    recipients: new RecipientRepository(prisma),
    composer: options.composer ?? placeholderDigestComposer(new ContactRepository(prisma)),
    logger,
    onMessages: () => sender.notify(),
  });
  const trigger = new CronTrigger(runner, clock, config.BOT_TIMEZONE, logger);
  return {
    sender,
    runner,
    trigger,
    async start() {
      sender.start();
      await trigger.start();
    },
    async stop() {
      await trigger.stop();
      await sender.stop();
    },
  };
}
