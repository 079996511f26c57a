import { wireAdminCommands } from './admin/wire-admin-commands.ts';
import { AttemptThrottle } from './app/attempt-throttle.ts';
import { registerAwayCommand } from './app/away-command.ts';
import { registerSupervisorQueries } from './app/digest/supervisor-queries.ts';
import { InboundHandler } from './app/inbound-handler.ts';
import { systemClock, type Clock } from './app/ports.ts';
import { Registration } from './app/registration.ts';
import { isPostgresUrl, type Config } from './config.ts';
import type { Logger } from './logging/logger.ts';
import type { PrismaClient } from './storage/database.ts';
import { readFormFolder } from './storage/form-files.ts';
import { syncForms, type InMemoryFormCatalog } from './storage/repositories/form-repository.ts';
import { ContactAwayRepository } from './storage/repositories/contact-away-repository.ts';
import { ReportDataRepository } from './storage/repositories/report-data-repository.ts';
import { createStorage, type Storage } from './storage/storage.ts';
import { wireDashboardCommand } from './web/dashboard/wire-dashboard.ts';

/** The channel-independent heart of the bot: storage, forms and the inbound use case. */
export interface BotCore {
  storage: Storage;
  forms: InMemoryFormCatalog;
  inbound: InboundHandler;
  clock: Clock;
  config: Config;
  /** The digests' reader, made once: chat queries and the weekly digest share it (and its SQLite connection). */
  reportData: ReportDataRepository;
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
    locks: isPostgresUrl(config.DATABASE_URL) ? storage.senderLeases : undefined,
    onError: (error, message) => logger.error({ err: describeThrown(error), channel: message.identity.channel, update: message.updateKey }, 'inbound update failed'),
  });
  wireAdminCommands(inbound, prisma, config);
  registerAwayCommand(inbound, new ContactAwayRepository(prisma), config.BOT_TIMEZONE);
  const reportData = ReportDataRepository.forDatabase(prisma, config.DATABASE_URL);
  registerSupervisorQueries(inbound, { source: reportData, forms: () => forms.current(), timeZone: config.BOT_TIMEZONE });
  wireDashboardCommand(inbound, prisma, config, clock);
  return { storage, forms, inbound, clock, config, reportData };
}

/** An Error as it is; anything else thrown (a string, a plain object) turned into one, so the log shows what it was. */
function describeThrown(error: unknown): Error {
  if (error instanceof Error) return error;
  const name = (error as { constructor?: { name?: string } } | null)?.constructor?.name ?? typeof error;
  let text: string;
  try {
    text = JSON.stringify(error) ?? String(error);
  } catch {
    text = String(error);
  }
  return new Error(`non-Error thrown (${name}): ${text.slice(0, 500)}`);
}
