/**
 * Section I of the compiled report: how well units reported over the span, per form, counted the
 * way DHIS2 counts reporting rates: expected reports are the reporting units times the periods
 * whose due moment has passed; the reporting rate is the reports received over those expected,
 * and the on-time rate the reports received by the due moment over the same. Each period is judged
 * by the digest's own completeness rule (`periodCompleteness`).
 */
import { periodCompleteness, type FiledStatus, type UnitNode } from '../../domain/digest/index.ts';
import { periodKeysOfYear } from '../../domain/digest/index.ts';
import { byName, isReportingUnit } from '../../domain/digest/index.ts';
import { periodWindow, type Form, type PeriodWindow } from '../../domain/index.ts';

/** One form's reporting over the span. */
export interface FormReporting {
  form: Form;
  /** Periods of the span whose due moment had passed: the ones units could be missing. */
  periodsDue: number;
  /** Periods of the span still open or to come at the report's instant. */
  periodsNotDue: number;
  expected: number;
  onTime: number;
  late: number;
  missing: number;
  /** (on time + late) / expected; null when nothing was expected yet. */
  rate: number | null;
  /** on time / expected; null when nothing was expected yet. */
  onTimeRate: number | null;
}

/** The periods of a form in the given years, with their windows, oldest first. */
export function spanWindows(form: Form, years: readonly number[], timeZone: string): PeriodWindow[] {
  return years.flatMap((year) => periodKeysOfYear(form.period, year).map((key) => periodWindow(form, key, timeZone)));
}

/** Counts one form's reporting over windows, from the statuses stored for them. */
export function formReporting(form: Form, windows: readonly PeriodWindow[], units: readonly UnitNode[], statuses: readonly FiledStatus[], at: Date): FormReporting {
  let expected = 0;
  let onTime = 0;
  let late = 0;
  let missing = 0;
  let periodsDue = 0;
  for (const window of windows) {
    if (window.dueAt.getTime() > at.getTime()) continue;
    periodsDue += 1;
    const period = periodCompleteness(form, window, units, statuses, at);
    expected += period.expected;
    onTime += period.onTime.length;
    late += period.late.length;
    missing += period.missing.length;
  }
  return {
    form,
    periodsDue,
    periodsNotDue: windows.length - periodsDue,
    expected,
    onTime,
    late,
    missing,
    rate: expected > 0 ? (onTime + late) / expected : null,
    onTimeRate: expected > 0 ? onTime / expected : null,
  };
}

/** Reporting units of the scope that filed nothing at all, of any form, over the span. */
export function neverReported(units: readonly UnitNode[], statuses: Iterable<FiledStatus>): UnitNode[] {
  const filed = new Set<number>();
  for (const status of statuses) filed.add(status.unitId);
  return units.filter((unit) => isReportingUnit(unit) && !filed.has(unit.id)).sort(byName);
}
