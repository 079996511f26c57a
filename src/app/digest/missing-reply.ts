/**
 * "/chuabaocao": the units of the scope that have not filed a period still open, per form and
 * period, with codes so the supervisor can follow up with /donvi <code>.
 */
import { openPeriods, pickText, type Locale } from '../../domain/index.ts';
import { periodCompleteness } from '../../domain/digest/index.ts';
import { periodLabel } from '../../dialog/period-label.ts';
import type { Reply, ReplyLine } from '../../dialog/replies.ts';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/format.ts';
import { unitFilter, type ReportDeps, type Scope } from './digest-builder.ts';
import { scopeName } from './digest-reply.ts';
import { scopeRoots } from '../../domain/digest/index.ts';

/** How many missing units are listed per period in chat. */
export const MISSING_LISTED = 30;

/** The missing reports of the scope's open periods. */
export async function missingReply(deps: ReportDeps, scope: Scope, locale: Locale, now: Date): Promise<Reply> {
  const tz = deps.timeZone;
  const scopeTitle = scopeName({ roots: scopeRoots(scope.tree, scope.units) });
  const lines: ReplyLine[] = [{ key: 'queries.missing_title', params: { scope: scopeTitle, date: formatDate(locale, now, tz) }, style: 'title' }];
  const filter = unitFilter(scope);
  let open = 0;
  for (const form of deps.forms()) {
    const windows = openPeriods(form, now, tz);
    if (windows.length === 0) continue;
    const statuses = await deps.source.statuses(form.id, windows.map((w) => w.key), filter);
    for (const window of windows) {
      open += 1;
      const period = periodCompleteness(form, window, scope.units, statuses, now);
      const params = {
        form: pickText(form.title, locale),
        period: periodLabel(form.period, window.key),
        due: formatDateTime(locale, window.dueAt, tz),
        closes: formatDateTime(locale, window.closesAt, tz),
        count: formatNumber(locale, period.missing.length),
        expected: formatNumber(locale, period.expected),
      };
      if (period.missing.length === 0) {
        lines.push({ key: 'queries.missing_none_line', params });
        continue;
      }
      lines.push({ key: period.overdue ? 'queries.missing_line_overdue' : 'queries.missing_line', params });
      for (const unit of period.missing.slice(0, MISSING_LISTED)) lines.push({ key: 'queries.missing_unit', params: { name: unit.name, code: unit.code } });
      if (period.missing.length > MISSING_LISTED) lines.push({ key: 'queries.missing_more', params: { count: formatNumber(locale, period.missing.length - MISSING_LISTED) } });
    }
  }
  if (open === 0) lines.push({ key: 'queries.no_open_periods' });
  return { lines };
}
