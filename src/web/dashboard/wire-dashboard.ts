/**
 * The dashboard wired over the database: the chat command that issues sign-in links (one call from
 * the bot's core) and the web app on the bot's HTTP server (one call from the composition root).
 */
import { getRequestListener } from '@hono/node-server';
import { DASHBOARD_ALIAS_PATH, DASHBOARD_PATH, DashboardAuth, dashboardBaseUrl } from '../../app/dashboard-auth.ts';
import { registerDashboardCommand } from '../../app/dashboard-command.ts';
import type { CommandRegistry } from '../../app/inbound/command-registry.ts';
import type { Clock, ContactRecord, FormCatalog } from '../../app/ports.ts';
import type { ReportDataSource } from '../../app/digest/report-data-port.ts';
import type { Config } from '../../config.ts';
import type { HttpServer } from '../../http/http-server.ts';
import type { Logger } from '../../logging/logger.ts';
import type { PrismaClient } from '../../storage/database.ts';
import { DashboardAuthRepository } from '../../storage/repositories/dashboard-auth-repository.ts';
import { ReportHistoryRepository } from '../../storage/repositories/report-history-repository.ts';
import { createDashboardApp } from './dashboard-app.ts';

type DashboardConfig = Pick<Config, 'PUBLIC_BASE_URL' | 'HTTP_HOST' | 'HTTP_PORT' | 'BOT_TIMEZONE' | 'BOT_LOCALE'>;

/** Sign-in links and sessions over the database, pointing at the configured address. */
export function dashboardAuth(prisma: PrismaClient, config: DashboardConfig, clock: Clock): DashboardAuth {
  return new DashboardAuth(new DashboardAuthRepository(prisma), { baseUrl: dashboardBaseUrl(config), clock });
}

/** Registers `/bangdieukhien` (`/dashboard`) on the inbound use case. */
export function wireDashboardCommand(inbound: Pick<CommandRegistry, 'registerCommand'>, prisma: PrismaClient, config: DashboardConfig, clock: Clock): void {
  const auth = dashboardAuth(prisma, config, clock);
  registerDashboardCommand(inbound, { issueLink: (contactId, actor) => auth.issueLink(contactId, actor), timeZone: config.BOT_TIMEZONE });
}

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

/** Mounts the dashboard under `/bang-dieu-khien/` and its alias `/dashboard/` on the bot's HTTP server. */
export function mountDashboard(http: HttpServer, sources: DashboardSources): void {
  const { prisma, config, clock } = sources;
  const app = createDashboardApp({
    auth: dashboardAuth(prisma, config, clock),
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
  const listener = getRequestListener(app.fetch, { overrideGlobalObjects: false });
  http.mount(DASHBOARD_PATH, listener);
  http.mount(DASHBOARD_ALIAS_PATH, listener);
}
