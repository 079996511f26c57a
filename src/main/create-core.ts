import { wireAdminCommands } from './wire-admin-commands.ts';
import { AttemptThrottle } from '../app/attempt-throttle.ts';
import { registerAwayCommand } from '../app/away-command.ts';
import { registerSupervisorQueries } from '../app/digest/supervisor-queries.ts';
import { CommandRegistry } from '../app/inbound/command-registry.ts';
import { InboundPipeline } from '../app/inbound/inbound-pipeline.ts';
import { systemClock, type Clock } from '../app/ports.ts';
import { Registration } from '../app/registration.ts';
import { isPostgresUrl, type Config } from '../config.ts';
import type { Logger } from '../logging/logger.ts';
import type { PrismaClient } from '../storage/database.ts';
import { readFormFolder } from '../storage/form-files.ts';
import { registerAnnualReportCommand } from '../documents/annual-report-wiring.ts';
import { syncForms, type InMemoryFormCatalog } from '../storage/repositories/form-repository.ts';
import { ContactAwayRepository } from '../storage/repositories/contact-away-repository.ts';
import { ReportDataRepository } from '../storage/repositories/report-data-repository.ts';
import { createStorage, type Storage } from '../storage/storage.ts';
import { wireDashboardCommand } from '../web/dashboard/wire-dashboard.ts';
import { wireReviewLoop } from './wire-review-loop.ts';

/** The channel-independent heart of the bot: storage, forms and the inbound use case. */
export interface BotCore {
  storage: Storage;
  forms: InMemoryFormCatalog;
  /** The one receive path every channel hands its updates to. */
  inbound: InboundPipeline;
  /** Where features add their chat commands and buttons. */
  commands: CommandRegistry;
  clock: Clock;
  config: Config;
  /** The digests' reader, made once: chat queries and the weekly digest share it (and its SQLite connection). */
  reportData: ReportDataRepository;
}

/** Wires the core over a migrated database; channels are added on top by the composition root. */
export async function createBotCore(config: Config, prisma: PrismaClient, logger: Logger, clock: Clock = systemClock): Promise<BotCore> {
  const storage = createStorage(prisma, config.DATABASE_URL);
  const forms = await syncForms(prisma, readFormFolder());
  const commands = new CommandRegistry();
  const inbound = new InboundPipeline({
    store: storage.inbound,
    registration: new Registration(storage.invites, new AttemptThrottle()),
    commands,
    forms,
    clock,
    timeZone: config.BOT_TIMEZONE,
    defaultLocale: config.BOT_LOCALE,
    log: logger,
    locks: isPostgresUrl(config.DATABASE_URL) ? storage.senderLeases : undefined,
  });
  wireAdminCommands(commands, prisma, config);
  registerAwayCommand(commands, new ContactAwayRepository(prisma), config.BOT_TIMEZONE);
  const reportData = ReportDataRepository.forDatabase(prisma, config.DATABASE_URL);
  registerSupervisorQueries(commands, { source: reportData, forms: () => forms.current(), timeZone: config.BOT_TIMEZONE });
  registerAnnualReportCommand(commands, { prisma, config, reportData, forms, logger });
  wireDashboardCommand(commands, prisma, config, clock);
  wireReviewLoop(commands, prisma, reportData, forms, config.BOT_TIMEZONE);
  return { storage, forms, inbound, commands, clock, config, reportData };
}
