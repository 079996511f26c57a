/**
 * Late entry: an admin opens a closed period again for one unit until a date (a week by default).
 * The unit's reporters are told through the outbox; /baocao offers the period until then, the report
 * is marked late, and reminders, which only chase open periods, leave it alone.
 */
import { DateTime } from 'luxon';
import { openPeriods, parsePeriodKey, periodWindow, pickText, type Form, type Locale } from '../../domain/index.ts';
import { scopeOf, UnitTree, type ScopeRole, type UnitNode } from '../../domain/digest/index.ts';
import { periodLabel } from '../../dialog/period-label.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { OutboxPayload } from '../outbox-payload.ts';
import type { ReportDataSource } from '../digest/report-data-port.ts';
import type { OutboxDraft } from '../outbox-ports.ts';
import type { ReopeningStore } from './reopen-ports.ts';
import type { ReviewStore } from './review-ports.ts';

/** Days a reopened period stays open when no date is given. */
export const DEFAULT_REOPEN_DAYS = 7;
/** Longest a period may be reopened for. */
export const MAX_REOPEN_DAYS = 90;

export interface ReopenDeps {
  reopenings: ReopeningStore;
  store: Pick<ReviewStore, 'reporters'>;
  source: Pick<ReportDataSource, 'units'>;
  forms: { current(): Form[] };
  timeZone: string;
}

/** Who reopens: an admin contact (their admin subtrees) or the operator (every unit). */
export type Reopener = { actor: `contact:${number}`; roles: readonly ScopeRole[] } | { actor: 'cli'; roles: 'all' };

export interface ReopenRequest {
  unitCode: string;
  periodKey: string;
  formId?: string;
  /** The last local day the period stays open. */
  until?: Date;
}

export type ReopenResult =
  | { ok: true; form: Form; unit: UnitNode; periodKey: string; until: Date; told: number }
  | { ok: false; code: string; params?: Record<string, string | number> };

/** The end of a local day given as 2026-12-05 or 5/12/2026; null when it is no date. */
export function parseUntilDate(text: string, timeZone: string): Date | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const parts = iso ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) } : vn ? { year: Number(vn[3]), month: Number(vn[2]), day: Number(vn[1]) } : null;
  if (!parts) return null;
  const local = DateTime.fromObject(parts, { zone: timeZone });
  return local.isValid ? local.plus({ days: 1 }).startOf('day').toJSDate() : null;
}

/** Checks a reopening and writes it, with notices to the unit's reporters. */
export async function reopenPeriod(deps: ReopenDeps, who: Reopener, request: ReopenRequest, now: Date): Promise<ReopenResult> {
  const tree = new UnitTree(await deps.source.units());
  let units: UnitNode[];
  if (who.roles === 'all') units = tree.units.filter((unit) => unit.active);
  else {
    const admin = who.roles.filter((role) => role.role === 'admin');
    if (admin.length === 0) return { ok: false, code: 'admin.not_admin' };
    units = scopeOf(tree, admin);
  }
  const unit = units.find((u) => u.code.toUpperCase() === request.unitCode.trim().toUpperCase());
  if (!unit) return { ok: false, code: 'admin.unit_not_in_scope', params: { unit: request.unitCode } };
  const parsed = parsePeriodKey(request.periodKey);
  if (!parsed.ok) return { ok: false, code: 'reopen.bad_period', params: { period: request.periodKey } };
  const candidates = deps.forms.current().filter((form) => (request.formId ? form.id === request.formId : form.period === parsed.key.type));
  if (request.formId && candidates.length === 0) return { ok: false, code: 'reopen.unknown_form', params: { form: request.formId } };
  if (candidates.length > 1) return { ok: false, code: 'reopen.which_form', params: { forms: candidates.map((f) => f.id).join(', ') } };
  const form = candidates[0];
  if (!form || form.period !== parsed.key.type) return { ok: false, code: 'reopen.bad_period', params: { period: request.periodKey } };
  const window = periodWindow(form, request.periodKey.trim(), deps.timeZone);
  if (window.opensAt.getTime() > now.getTime()) return { ok: false, code: 'reopen.not_started', params: { period: request.periodKey } };
  if (openPeriods(form, now, deps.timeZone).some((w) => w.key === window.key)) return { ok: false, code: 'reopen.still_open', params: { period: request.periodKey } };
  const until = request.until ?? DateTime.fromJSDate(now, { zone: deps.timeZone }).plus({ days: DEFAULT_REOPEN_DAYS }).endOf('day').plus({ milliseconds: 1 }).toJSDate();
  if (until.getTime() <= now.getTime() || until.getTime() - now.getTime() > MAX_REOPEN_DAYS * 86_400_000) {
    return { ok: false, code: 'reopen.bad_until', params: { days: MAX_REOPEN_DAYS } };
  }
  const notices: OutboxDraft[] = [];
  for (const reporter of await deps.store.reporters(unit.id)) {
    if (!reporter.address) continue;
    notices.push({
      idempotencyKey: `reopened:${form.id}:${window.key}:${unit.id}:${until.getTime()}:${reporter.contactId}`,
      contactId: reporter.contactId,
      channel: reporter.address.channel,
      chatId: reporter.address.chatId,
      kind: 'notice',
      payload: reopenedNotice(form, window.key, unit.name, until, reporter.locale, reporter.name, deps.timeZone),
    });
  }
  await deps.reopenings.reopen({ formId: form.id, periodKey: window.key, unitId: unit.id, until, actor: who.actor, now, notices });
  return { ok: true, form, unit, periodKey: window.key, until, told: notices.length };
}

/** To a unit's reporter: the period is open again for you until …; type /baocao. */
export function reopenedNotice(form: Form, periodKey: string, unitName: string, until: Date, locale: Locale, name: string, timeZone: string): OutboxPayload {
  return {
    locale,
    reply: {
      lines: [
        { key: 'reopen.notice', params: { name, unit: unitName, form: pickText(form.title, locale), period: periodLabel(form.period, periodKey), until: formatDateTime(locale, until, timeZone) }, style: 'title' },
        { key: 'notices.how_to_report' },
      ],
    },
  };
}
