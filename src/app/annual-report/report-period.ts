/**
 * Which years a compiled report covers. Plan 26-KH/BCSĐ was issued on 12/01/2023; units report
 * to the Department of Home Affairs every year, and the plan is reviewed twice: a preliminary
 * review (sơ kết) at the 2025 horizon and a final one (tổng kết) at 2030, each from the plan's
 * start up to the year asked for.
 */
import { DateTime } from 'luxon';
import { AppError } from '../../shared/app-error.ts';

/** annual: one year; so-ket and tong-ket: from the plan's start up to the year. */
export type ReportKind = 'annual' | 'so-ket' | 'tong-ket';

export const REPORT_KINDS: readonly ReportKind[] = ['annual', 'so-ket', 'tong-ket'];

/** The year the plan was issued: the first year any review counts. */
export const PLAN_START_YEAR = 2023;

/** The horizon each review looks toward, from the plan's targets ("Đến năm 2025", "Đến năm 2030"). */
export const REVIEW_HORIZONS: Readonly<Record<Exclude<ReportKind, 'annual'>, number>> = { 'so-ket': 2025, 'tong-ket': 2030 };

/** The span of one compiled report, and the instant its figures are taken at. */
export interface ReportPeriod {
  kind: ReportKind;
  /** The year asked for: the report's last year. */
  year: number;
  fromYear: number;
  toYear: number;
  /** The plan horizon of a review; null for an annual report. */
  horizon: number | null;
  /** Figures are taken at this instant: the end of `year`, or earlier when that is still to come. */
  at: Date;
}

/** Reads a year typed by a person ("2026"); null when it is no year the plan can have. */
export function parseReportYear(text: string | undefined): number | null {
  const trimmed = (text ?? '').trim();
  if (!/^\d{4}$/.test(trimmed)) return null;
  const year = Number(trimmed);
  return year >= PLAN_START_YEAR && year <= 2100 ? year : null;
}

/** Whether a word names a kind ("annual", "so-ket", "tong-ket"). */
export function isReportKind(text: string): text is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(text);
}

/**
 * The report's span for a kind and year, taken at `at` (default: the end of the year, or `now` when
 * the year has not ended). A year after `now`'s, or before the plan, is refused with a stable code.
 */
export function reportPeriod(kind: ReportKind, year: number, now: Date, timeZone: string, at?: Date): ReportPeriod {
  const currentYear = DateTime.fromJSDate(now, { zone: timeZone }).year;
  if (!Number.isInteger(year) || year < PLAN_START_YEAR || year > currentYear) {
    throw new AppError('report.invalid_year', { year: String(year), from: PLAN_START_YEAR, to: currentYear });
  }
  const endOfYear = DateTime.fromObject({ year }, { zone: timeZone }).endOf('year').toJSDate();
  const taken = at ?? (endOfYear.getTime() < now.getTime() ? endOfYear : now);
  const horizon = kind === 'annual' ? null : REVIEW_HORIZONS[kind];
  return { kind, year, fromYear: kind === 'annual' ? year : PLAN_START_YEAR, toYear: year, horizon, at: taken };
}

/** The instant the figures of one year of the span are taken at: its end, or the report's instant if earlier. */
export function yearInstant(period: ReportPeriod, year: number, timeZone: string): Date {
  const end = DateTime.fromObject({ year }, { zone: timeZone }).endOf('year').toJSDate();
  return end.getTime() < period.at.getTime() ? end : period.at;
}

/** The years of the span, oldest first. */
export function reportYears(period: ReportPeriod): number[] {
  return Array.from({ length: period.toYear - period.fromYear + 1 }, (_, i) => period.fromYear + i);
}
