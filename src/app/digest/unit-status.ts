/**
 * "/donvi": one unit's reporting status for the latest two periods of each form and its own latest
 * figures, for a supervisor checking on a unit before calling it.
 */
import type { Locale } from '../../domain/index.ts';
import { pickText } from '../../domain/index.ts';
import { digestWindows, isReportingUnit, type UnitNode } from '../../domain/digest/index.ts';
import { periodLabel } from '../../dialog/period-label.ts';
import type { MessageRef, Reply, ReplyLine } from '../../dialog/replies.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { indicatorSummaries, type ReportDeps, type Scope } from './digest-builder.ts';
import { indicatorLines } from './indicator-lines.ts';

/** The status of one unit of the scope. */
export async function unitStatusReply(deps: ReportDeps, scope: Scope, unit: UnitNode, locale: Locale, now: Date): Promise<Reply> {
  const forms = deps.forms();
  const tz = deps.timeZone;
  const lines: ReplyLine[] = [{ key: 'queries.unit_title', params: { name: unit.name, code: unit.code }, style: 'title' }];
  const parent = scope.tree.parentOf(unit);
  if (parent) lines.push({ key: 'queries.unit_parent', params: { parent: parent.name } });
  if (!isReportingUnit(unit)) {
    lines.push({ key: 'queries.unit_not_reporting' });
    return { lines };
  }
  lines.push({ key: 'queries.unit_reports', style: 'title' });
  for (const form of forms) {
    const windows = digestWindows(form, now, tz);
    const statuses = await deps.source.statuses(form.id, windows.map((w) => w.key), [unit.id]);
    for (const window of windows) {
      const found = statuses.find((s) => s.periodKey === window.key);
      let status: MessageRef;
      if (found) status = { key: found.late ? 'queries.filed_late' : 'queries.filed_on_time', params: { at: formatDateTime(locale, found.submittedAt, tz) } };
      else if (now.getTime() > window.dueAt.getTime()) status = { key: 'queries.not_filed_overdue', params: { due: formatDate(locale, window.dueAt, tz) } };
      else status = { key: 'queries.not_filed_yet', params: { due: formatDate(locale, window.dueAt, tz) } };
      lines.push({ key: 'queries.unit_report_line', params: { form: pickText(form.title, locale), period: periodLabel(form.period, window.key), status } });
    }
  }
  lines.push({ key: 'queries.unit_figures', style: 'title' });
  for (const summary of await indicatorSummaries(deps, { tree: scope.tree, units: [unit] }, now)) {
    lines.push(...indicatorLines(summary, locale, new Map([[unit.code, unit]]), false));
  }
  return { lines };
}
