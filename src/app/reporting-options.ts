import { nextPeriodKey, openPeriods, periodKeyAt, periodWindow, type Form } from '../domain/index.ts';
import type { ReportingOption, UpcomingPeriod } from '../dialog/dialog-context.ts';
import type { ContactRecord, SubmissionReader } from './ports.ts';

/**
 * The reports a contact may file now: for each unit they report for, each form's open periods, with
 * what the unit already submitted; and the next period of each form that is not open yet.
 */
export async function reportingOptions(
  contact: ContactRecord,
  forms: Form[],
  submissions: SubmissionReader,
  now: Date,
  timeZone: string,
): Promise<{ options: ReportingOption[]; upcoming: UpcomingPeriod[] }> {
  const units = contact.roles.filter((role) => role.role === 'reporter');
  const options: ReportingOption[] = [];
  for (const unit of units) {
    for (const form of forms) {
      for (const window of openPeriods(form, now, timeZone)) {
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
          submitted: null,
        });
      }
    }
  }
  const found = await submissions.find(options.map(({ unitId, formId, periodKey }) => ({ unitId, formId, periodKey })));
  for (const submission of found) {
    const option = options.find((o) => o.unitId === submission.unitId && o.formId === submission.formId && o.periodKey === submission.periodKey);
    if (option) option.submitted = submission;
  }
  options.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.unitName.localeCompare(b.unitName, 'vi'));
  const upcoming = units.length ? forms.map((form) => nextOpening(form, now, timeZone)) : [];
  upcoming.sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime());
  return { options, upcoming };
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
