import { nextPeriodKey, openPeriods, periodKeyAt, periodWindow, type Form, type PeriodWindow } from '../domain/index.ts';
import type { ReportingOption, UpcomingPeriod } from '../dialog/dialog-context.ts';
import type { ContactRecord, SubmissionSummary } from './ports.ts';

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
export function optionKeys(contact: ContactRecord, view: CalendarView): Array<{ unitId: number; formId: string; periodKey: string }> {
  return reporterUnits(contact).flatMap((unit) =>
    view.open.flatMap(({ form, windows }) => windows.map((window) => ({ unitId: unit.unitId, formId: form.id, periodKey: window.key }))),
  );
}

/**
 * The reports a contact may file now: for each unit they report for, each form's open periods, with
 * what the unit already submitted; and the next period of each form that is not open yet.
 */
export function reportingOptions(
  contact: ContactRecord,
  view: CalendarView,
  submitted: SubmissionSummary[],
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
        });
      }
    }
  }
  options.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.unitName.localeCompare(b.unitName, 'vi'));
  return { options, upcoming: units.length ? view.upcoming : [] };
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
