/** The dashboard's web app over the running bot's sources, as a Node request listener; loaded on first use. */
import { getRequestListener } from '@hono/node-server';
import type { DashboardAuth } from '../../app/dashboard-auth.ts';
import { ReportHistoryRepository } from '../../storage/repositories/report-history-repository.ts';
import { createDashboardApp } from './dashboard-app.ts';
import type { DashboardSources } from './wire-dashboard.ts';

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
