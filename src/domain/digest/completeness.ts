/**
 * Reporting completeness of one period of one form: which units filed on time, which late and
 * which have not filed at all. The digest shows it for the latest period that has opened and the
 * one before, since a weekly digest on Monday morning still sees last week's period open.
 */
import type { Form } from '../forms/form-types.ts';
import type { PeriodWindow } from '../periods/period-window.ts';
import { periodWindow } from '../periods/period-window.ts';
import { periodKeyAt, previousPeriodKey, nextPeriodKey, DEFAULT_TIME_ZONE } from '../periods/period-range.ts';
import { byName, isReportingUnit, type UnitNode } from '../organisation/unit-tree.ts';

/** What the digest needs of one stored submission to judge completeness. */
export interface SubmissionStatus {
  unitId: number;
  periodKey: string;
  late: boolean;
  submittedAt: Date;
}

/** What completeness reads of a submission: who filed which period, and whether late. */
export type FiledStatus = Pick<SubmissionStatus, 'unitId' | 'periodKey' | 'late'>;

/** One period's completeness over a set of units. */
export interface PeriodCompleteness {
  formId: string;
  periodType: Form['period'];
  window: PeriodWindow;
  /** Whether the due moment has passed: before it, a unit without a report is not late yet. */
  overdue: boolean;
  expected: number;
  onTime: UnitNode[];
  late: UnitNode[];
  missing: UnitNode[];
}

/**
 * The latest period of a form that has opened by `now`, then the one before it: [current, previous].
 * Periods that open before they start (the yearly report opens on 1 December) are handled by
 * looking one period ahead.
 */
export function digestWindows(form: Pick<Form, 'period' | 'schedule'>, now: Date, tz: string = DEFAULT_TIME_ZONE): [PeriodWindow, PeriodWindow] {
  const at = now.getTime();
  let key = nextPeriodKey(periodKeyAt(form.period, now, tz));
  let window = periodWindow(form, key, tz);
  for (let guard = 0; window.opensAt.getTime() > at && guard < 400; guard += 1) {
    key = previousPeriodKey(key);
    window = periodWindow(form, key, tz);
  }
  return [window, periodWindow(form, previousPeriodKey(key), tz)];
}

/** Counts on time, late and missing among the reporting units, with the names of those missing. */
export function periodCompleteness(
  form: Pick<Form, 'id' | 'period'>,
  window: PeriodWindow,
  units: readonly UnitNode[],
  statuses: readonly FiledStatus[],
  now: Date,
): PeriodCompleteness {
  const byUnit = new Map<number, FiledStatus>();
  for (const status of statuses) if (status.periodKey === window.key) byUnit.set(status.unitId, status);
  const onTime: UnitNode[] = [];
  const late: UnitNode[] = [];
  const missing: UnitNode[] = [];
  let expected = 0;
  for (const unit of units) {
    if (!isReportingUnit(unit)) continue;
    expected += 1;
    const status = byUnit.get(unit.id);
    if (!status) missing.push(unit);
    else if (status.late) late.push(unit);
    else onTime.push(unit);
  }
  return {
    formId: form.id,
    periodType: form.period,
    window,
    overdue: now.getTime() > window.dueAt.getTime(),
    expected,
    onTime: onTime.sort(byName),
    late: late.sort(byName),
    missing: missing.sort(byName),
  };
}
