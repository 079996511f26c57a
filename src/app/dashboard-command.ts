/**
 * `/bangdieukhien` (`/dashboard`): a supervisor or admin gets a single-use link to the web dashboard,
 * valid for ten minutes. Anyone else is told politely that the dashboard is for supervisors.
 */
import type { Reply } from '../dialog/replies.ts';
import { formatDateTime } from '../i18n/format.ts';
import type { CommandHandler, CommandRegistry } from './inbound/command-registry.ts';
import type { ContactRecord } from './ports.ts';

/** What the command needs: a way to issue a link for a contact, and the province's time zone. */
export interface DashboardCommandDeps {
  issueLink(contactId: number, actor: string): Promise<{ url: string; expiresAt: Date }>;
  timeZone: string;
}

/** Whether a contact may open the dashboard: supervisors and admins, as for the digest commands. */
export function mayUseDashboard(contact: Pick<ContactRecord, 'roles'>): boolean {
  return contact.roles.some((role) => role.role === 'supervisor' || role.role === 'admin');
}

/** The command's handler. */
export function dashboardCommand(deps: DashboardCommandDeps): CommandHandler {
  return async (contact: ContactRecord): Promise<Reply[]> => {
    if (!mayUseDashboard(contact)) return [{ lines: [{ key: 'dashboard.chat_not_allowed' }] }];
    const link = await deps.issueLink(contact.id, `contact:${contact.id}`);
    return [
      {
        lines: [
          { key: 'dashboard.chat_link_title', style: 'title' },
          { key: 'dashboard.chat_link', params: { url: link.url } },
          { key: 'dashboard.chat_link_hint', params: { until: formatDateTime(contact.locale, link.expiresAt, deps.timeZone) }, style: 'hint' },
        ],
      },
    ];
  };
}

/** Adds `/bangdieukhien` to the inbound use case: one call from the bot's core. */
export function registerDashboardCommand(inbound: Pick<CommandRegistry, 'registerCommand'>, deps: DashboardCommandDeps): void {
  inbound.registerCommand('dashboard', dashboardCommand(deps));
}
