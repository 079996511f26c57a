import { AttemptThrottle } from './app/attempt-throttle.ts';
import { InboundHandler } from './app/inbound-handler.ts';
import { systemClock, type Clock } from './app/ports.ts';
import { Registration } from './app/registration.ts';
import type { Config } from './config.ts';
import type { Logger } from './logging/logger.ts';
import type { PrismaClient } from './storage/database.ts';
import { readFormFolder } from './storage/form-files.ts';
import { syncForms, type InMemoryFormCatalog } from './storage/repositories/form-repository.ts';
import { createStorage, type Storage } from './storage/storage.ts';

/** The channel-independent heart of the bot: storage, forms and the inbound use case. */
export interface BotCore {
  storage: Storage;
  forms: InMemoryFormCatalog;
  inbound: InboundHandler;
  clock: Clock;
  config: Config;
}

/** Wires the core over a migrated database; channels are added on top by the composition root. */
export async function createBotCore(config: Config, prisma: PrismaClient, logger: Logger, clock: Clock = systemClock): Promise<BotCore> {
  const storage = createStorage(prisma);
  const forms = await syncForms(prisma, readFormFolder());
  const inbound = new InboundHandler({
    contacts: storage.contacts,
    inbound: storage.inbound,
    dialogs: storage.dialogs,
    submissions: storage.submissions,
    forms,
    registration: new Registration(storage.invites, new AttemptThrottle()),
    clock,
    timeZone: config.BOT_TIMEZONE,
    defaultLocale: config.BOT_LOCALE,
    onError: (error, message) => logger.error({ err: error, channel: message.identity.channel, update: message.updateKey }, 'inbound update failed'),
  });
  return { storage, forms, inbound, clock, config };
}
