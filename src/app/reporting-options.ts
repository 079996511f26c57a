import { nextPeriodKey, openPeriods, periodKeyAt, periodWindow, type Form, type PeriodWindow } from '../domain/index.ts';
import type { ReportingOption, UpcomingPeriod } from '../dialog/dialog-context.ts';
import type { ReopenedPeriod } from './inbound/inbound-store.ts';
import type { ContactRecord, SubmissionSummary } from './ports.ts';

/** A returned report stays open to its unit until sent again; this stands for "no closing time". */
const NEVER = new Date(Date.UTC(9999, 0, 1));

/** What the unit may file besides the open periods: returned reports, and periods reopened for it. */
export interface BeyondClose {
  returned?: SubmissionSummary[];
  reopened?: ReopenedPeriod[];
  now: Date;
  timeZone: string;
}

/** The reopened periods still within their date. */
function liveReopenings(beyond: BeyondClose | undefined): ReopenedPeriod[] {
  return (beyond?.reopened ?? []).filter((entry) => entry.until.getTime() > beyond!.now.getTime());
}

/** Each form with its open windows, and the next period of each that is not open yet. */
export interface CalendarView {
  open: Array<{ form: Form; windows: PeriodWindow[] }>;
  upcoming: UpcomingPeriod[];
}

/** Longest a computed calendar is reused, whatever the windows say (a minute, as periods are set in minutes). */
const MAX_REUSE_MS = 60_000;

/**
 * Which periods are open, computed once and reused until the next opening or closing (at most a
 * minute): the windows depend only on the forms and the time, and computing them for every message
 * would cost more than the rest of a dialog step.
 */
export class ReportingCalendar {
  private cached: { forms: Form[]; from: number; until: number; view: CalendarView } | undefined;

  constructor(
    private readonly forms: () => Form[],
    private readonly timeZone: string,
  ) {}

  at(now: Date): CalendarView {
    const forms = this.forms();
    const time = now.getTime();
    const hit = this.cached;
    if (hit && hit.forms === forms && time >= hit.from && time < hit.until) return hit.view;
    const open = forms.map((form) => ({ form, windows: openPeriods(form, now, this.timeZone) }));
    const upcoming = forms.map((form) => nextOpening(form, now, this.timeZone)).sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime());
    const changes = [
      ...open.flatMap(({ windows }) => windows.map((window) => window.closesAt.getTime())),
      ...upcoming.map((next) => next.opensAt.getTime()),
      time + MAX_REUSE_MS,
    ];
    const view = { open, upcoming };
    this.cached = { forms, from: time, until: Math.min(...changes), view };
    return view;
  }
}

/** The unit, form and period of every report a contact may file now, before what was submitted is known. */
export function optionKeys(contact: ContactRecord, view: CalendarView, beyond?: BeyondClose): Array<{ unitId: number; formId: string; periodKey: string }> {
  const units = reporterUnits(contact);
  const open = units.flatMap((unit) =>
    view.open.flatMap(({ form, windows }) => windows.map((window) => ({ unitId: unit.unitId, formId: form.id, periodKey: window.key }))),
  );
  const reporting = new Set(units.map((unit) => unit.unitId));
  const reopened = liveReopenings(beyond).filter((entry) => reporting.has(entry.unitId)).map(({ unitId, formId, periodKey }) => ({ unitId, formId, periodKey }));
  return [...open, ...reopened];
}

/**
 * The reports a contact may file now: for each unit they report for, each form's open periods, with
 * what the unit already submitted; and the next period of each form that is not open yet.
 */
export function reportingOptions(
  contact: ContactRecord,
  view: CalendarView,
  submitted: SubmissionSummary[],
  beyond?: BeyondClose,
): { options: ReportingOption[]; upcoming: UpcomingPeriod[] } {
  const byKey = new Map(submitted.map((s) => [`${s.unitId}|${s.formId}|${s.periodKey}`, s]));
  const units = reporterUnits(contact);
  const options: ReportingOption[] = [];
  for (const unit of units) {
    for (const { form, windows } of view.open) {
      for (const window of windows) {
        options.push({
          unitId: unit.unitId,
          unitName: unit.unitName,
          formId: form.id,
          formTitle: form.title,
          formVersion: form.version,
          periodKey: window.key,
          periodType: form.period,
          opensAt: window.opensAt,
          dueAt: window.dueAt,
          closesAt: window.closesAt,
          submitted: byKey.get(`${unit.unitId}|${form.id}|${window.key}`) ?? null,
          ...(byKey.get(`${unit.unitId}|${form.id}|${window.key}`)?.reviewState === 'returned' ? { beyondClose: 'returned' as const } : {}),
        });
      }
    }
  }
  if (beyond) options.push(...optionsBeyondClose(units, view, byKey, options, beyond));
  options.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.unitName.localeCompare(b.unitName, 'vi'));
  return { options, upcoming: units.length ? view.upcoming : [] };
}

/**
 * Reports offered after their period closed: each returned one (until sent again) and each period
 * reopened for the unit (until its date), unless the period is open anyway. Filing them is late.
 */
function optionsBeyondClose(
  units: ContactRecord['roles'],
  view: CalendarView,
  byKey: Map<string, SubmissionSummary>,
  open: ReportingOption[],
  beyond: BeyondClose,
): ReportingOption[] {
  const names = new Map(units.map((unit) => [unit.unitId, unit.unitName]));
  const taken = new Set(open.map((option) => `${option.unitId}|${option.formId}|${option.periodKey}`));
  const extra: ReportingOption[] = [];
  const add = (unitId: number, formId: string, periodKey: string, closesAt: Date, why: 'returned' | 'reopened', report?: SubmissionSummary) => {
    const key = `${unitId}|${formId}|${periodKey}`;
    const form = view.open.find((entry) => entry.form.id === formId)?.form;
    const unitName = names.get(unitId);
    if (taken.has(key) || !form || unitName === undefined) return;
    taken.add(key);
    const window = periodWindow(form, periodKey, beyond.timeZone);
    extra.push({
      unitId, unitName, formId, formTitle: form.title, formVersion: form.version, periodKey, periodType: form.period,
      opensAt: window.opensAt, dueAt: window.dueAt, closesAt, submitted: report ?? byKey.get(key) ?? null, beyondClose: why,
    });
  };
  for (const report of beyond.returned ?? []) {
    if (report.reviewState === 'returned') add(report.unitId, report.formId, report.periodKey, NEVER, 'returned', report);
  }
  for (const entry of liveReopenings(beyond)) {
    const report = byKey.get(`${entry.unitId}|${entry.formId}|${entry.periodKey}`);
    // A reopened period already filed is amended only if it was returned (handled above).
    if (!report) add(entry.unitId, entry.formId, entry.periodKey, entry.until, 'reopened');
  }
  return extra;
}

function reporterUnits(contact: ContactRecord): ContactRecord['roles'] {
  return contact.roles.filter((role) => role.role === 'reporter');
}

/** The first period of a form that opens after `now`. */
function nextOpening(form: Form, now: Date, timeZone: string): UpcomingPeriod {
  let key = periodKeyAt(form.period, now, timeZone);
  let window = periodWindow(form, key, timeZone);
  for (let guard = 0; window.opensAt.getTime() <= now.getTime() && guard < 3; guard += 1) {
    key = nextPeriodKey(key);
    window = periodWindow(form, key, timeZone);
  }
  return { formTitle: form.title, periodKey: key, periodType: form.period, opensAt: window.opensAt, dueAt: window.dueAt };
}
