import type { Reply } from '../../dialog/replies.ts';
import { periodLabel } from '../../dialog/period-label.ts';
import { pickText } from '../../domain/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { CommandRegistry } from '../inbound/command-registry.ts';
import { parseUntilDate, reopenPeriod, type ReopenDeps } from './reopen-service.ts';

/**
 * `/molai <mã đơn vị> <kỳ> [biểu mẫu] [đến ngày]` (`/reopen`): an admin opens a closed period again
 * for one unit of their scope. A unit outside the scope is answered like an unknown one.
 */
export function registerReopenCommand(inbound: Pick<CommandRegistry, 'registerCommand'>, deps: ReopenDeps): void {
  inbound.registerCommand('reopen', async (contact, args, now): Promise<Reply[]> => {
    if (!contact.roles.some((role) => role.role === 'admin')) return [{ lines: [{ key: 'admin.not_admin' }] }];
    const words = args.split(/\s+/).filter(Boolean);
    const [unitCode, periodKey, ...rest] = words;
    if (!unitCode || !periodKey) return [{ lines: [{ key: 'reopen.usage' }] }];
    let until: Date | undefined;
    let formId: string | undefined;
    for (const word of rest) {
      const date = parseUntilDate(word, deps.timeZone);
      if (date) until = date;
      else formId = word;
    }
    const result = await reopenPeriod(deps, { actor: `contact:${contact.id}`, roles: contact.roles }, { unitCode, periodKey, formId, until }, now);
    if (!result.ok) return [{ lines: [{ key: result.code, params: result.params, style: 'error' }, { key: 'reopen.usage' }] }];
    return [{
      lines: [{
        key: 'reopen.done',
        params: {
          unit: `${result.unit.name} (${result.unit.code})`,
          form: pickText(result.form.title, contact.locale),
          period: periodLabel(result.form.period, result.periodKey),
          until: formatDateTime(contact.locale, result.until, deps.timeZone),
          told: result.told,
        },
        style: 'title',
      }],
    }];
  });
}
