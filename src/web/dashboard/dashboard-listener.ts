/** The dashboard's web app over the running bot's sources, as a Node request listener; loaded on first use. */
import { getRequestListener } from '@hono/node-server';
import type { DashboardAuth } from '../../app/dashboard-auth.ts';
import type { ReportDataSource } from '../../app/digest/report-data-port.ts';
import type { Clock, ContactRecord, FormCatalog } from '../../app/ports.ts';
import type { Config } from '../../config.ts';
import type { Logger } from '../../logging/logger.ts';
import type { PrismaClient } from '../../storage/database.ts';
import { ReportHistoryRepository } from '../../storage/repositories/report-history-repository.ts';
import { createDashboardApp } from './dashboard-app.ts';

export type DashboardConfig = Pick<Config, 'PUBLIC_BASE_URL' | 'HTTP_HOST' | 'HTTP_PORT' | 'BOT_TIMEZONE' | 'BOT_LOCALE'>;

/** What the web app reads from the running bot. */
export interface DashboardSources {
  prisma: PrismaClient;
  config: DashboardConfig;
  contacts: { findById(id: number): Promise<ContactRecord | null> };
  reportData: ReportDataSource;
  forms: FormCatalog;
  clock: Clock;
  logger: Logger;
}

export function dashboardListener(sources: DashboardSources, auth: DashboardAuth) {
  const { prisma, config, clock } = sources;
  const app = createDashboardApp({
    auth,
    contacts: sources.contacts,
    figures: {
      source: sources.reportData,
      forms: () => sources.forms.current(),
      timeZone: config.BOT_TIMEZONE,
      history: new ReportHistoryRepository(prisma),
      formVersion: (formId, version) => sources.forms.version(formId, version),
    },
    clock,
    defaultLocale: config.BOT_LOCALE,
    secureCookies: (config.PUBLIC_BASE_URL ?? '').startsWith('https:'),
    logger: sources.logger,
  });
  return getRequestListener(app.fetch, { overrideGlobalObjects: false });
}
