/**
 * Wires `/baocaonam` (`/annual`) over the database, the configuration and the document writer: one
 * call from the bot's core. The document goes out through the outbox; on Zalo, as a link when
 * PUBLIC_BASE_URL lets the bot serve it (see the documents route).
 */
import { registerAnnualReport, type AnnualReportCommand } from '../app/annual-report/annual-report-command.ts';
import type { ReportDeps } from '../app/digest/digest-builder.ts';
import type { CommandRegistry } from '../app/inbound/command-registry.ts';
import type { FormCatalog } from '../app/ports.ts';
import type { Config } from '../config.ts';
import { documentStore } from '../http/document-route.ts';
import type { Logger } from '../logging/logger.ts';
import type { PrismaClient } from '../storage/database.ts';
import { contactAddress } from '../storage/repositories/contact-address-repository.ts';
import { writeOutboxDrafts } from '../storage/repositories/outbox-repository.ts';
import type { ReportDataSource } from '../app/digest/report-data-port.ts';

/** What the core hands over. */
export interface AnnualReportWiring {
  prisma: PrismaClient;
  config: Config;
  reportData: ReportDataSource;
  forms: FormCatalog;
  logger: Logger;
}

/** Registers the command; returns it so a caller may wait for reports being compiled. */
export function registerAnnualReportCommand(inbound: Pick<CommandRegistry, 'registerCommand'>, wiring: AnnualReportWiring): AnnualReportCommand {
  const { prisma, config, logger } = wiring;
  const report: ReportDeps = { source: wiring.reportData, forms: () => wiring.forms.current(), timeZone: config.BOT_TIMEZONE };
  const store = documentStore(config);
  return registerAnnualReport(inbound, {
    report,
    compile: async (scope, year, locale, now) => {
      // Loaded on first use: the document writer is large, and most processes never compile a report.
      const { compileReport } = await import('./compile-report.ts');
      const compiled = await compileReport(report, { kind: 'annual', year, scope, now, locale, settings: config });
      return { docx: compiled.docx, filename: compiled.filename, scopeName: compiled.content.scopeName };
    },
    addressOf: (contactId) => contactAddress(prisma, contactId),
    enqueue: (draft, now) => prisma.$transaction((tx) => writeOutboxDrafts(tx, [draft], now)),
    ...(store ? { publish: (bytes: Buffer, extension: string, now: Date) => store.publish(bytes, extension, now) } : {}),
    onError: (error) => logger.error({ err: error }, 'annual report failed'),
  });
}
