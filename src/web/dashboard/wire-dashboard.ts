/**
 * The dashboard wired over the database: the chat command that issues sign-in links (one call from
 * the bot's core) and the web app on the bot's HTTP server (one call from the composition root). The
 * web app (its framework, pages and queries) is loaded on its first request, so a bot nobody opens the
 * dashboard of never holds it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DASHBOARD_ALIAS_PATH, DASHBOARD_PATH, DashboardAuth, dashboardBaseUrl } from '../../app/dashboard-auth.ts';
import { registerDashboardCommand } from '../../app/dashboard-command.ts';
import type { CommandRegistry } from '../../app/inbound/command-registry.ts';
import type { Clock } from '../../app/ports.ts';
import type { HttpServer } from '../../http/http-server.ts';
import { translate } from '../../i18n/translator.ts';
import type { PrismaClient } from '../../storage/database.ts';
import { DashboardAuthRepository } from '../../storage/repositories/dashboard-auth-repository.ts';
import type { DashboardConfig, DashboardSources } from './dashboard-listener.ts';

/** Sign-in links and sessions over the database, pointing at the configured address. */
export function dashboardAuth(prisma: PrismaClient, config: DashboardConfig, clock: Clock): DashboardAuth {
  return new DashboardAuth(new DashboardAuthRepository(prisma), { baseUrl: dashboardBaseUrl(config), clock });
}

/** Registers `/bangdieukhien` (`/dashboard`) on the inbound use case. */
export function wireDashboardCommand(inbound: Pick<CommandRegistry, 'registerCommand'>, prisma: PrismaClient, config: DashboardConfig, clock: Clock): void {
  const auth = dashboardAuth(prisma, config, clock);
  registerDashboardCommand(inbound, { issueLink: (contactId, actor) => auth.issueLink(contactId, actor), timeZone: config.BOT_TIMEZONE });
}


/** Mounts the dashboard under `/bang-dieu-khien/` and its alias `/dashboard/` on the bot's HTTP server. */
export function mountDashboard(http: HttpServer, sources: DashboardSources): void {
  let loading: Promise<(request: IncomingMessage, response: ServerResponse) => unknown> | undefined;
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    loading ??= import('./dashboard-listener.ts').then(({ dashboardListener }) => dashboardListener(sources, dashboardAuth(sources.prisma, sources.config, sources.clock)));
    loading.then(
      (handle) => handle(request, response),
      (error: unknown) => {
        loading = undefined;
        sources.logger.error({ err: error }, 'dashboard could not be loaded');
        if (!response.headersSent) response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' });
        response.end(translate(sources.config.BOT_LOCALE, 'web.error'));
      },
    );
  };
  http.mount(DASHBOARD_PATH, listener);
  http.mount(DASHBOARD_ALIAS_PATH, listener);
}
