/**
 * The digest's figures as an Excel workbook, for supervisors who compile their own reports: every
 * indicator with numerator and denominator, completeness unit by unit, the review counts and the
 * returned reports waiting too long, the units below target and the unreachable contacts. Headers in the reader's language; numbers stay numbers.
 */
import { pickText, type Locale } from '../../domain/index.ts';
import { STALE_RETURN_DAYS, type DigestData } from '../../domain/digest/index.ts';
import { periodLabel } from '../../dialog/period-label.ts';
import { excelLocalTime, writeWorkbook, type CellValue, type SheetSpec } from '../../exports/workbook.ts';
import { translate } from '../../i18n/translator.ts';
import { messageText } from './message-text.ts';

const PERCENT = '0.0%';

/** The workbook's sheets. */
export function digestSheets(data: DigestData, locale: Locale): SheetSpec[] {
  const t = (key: string) => translate(locale, `exports.${key}`);
  const col = (key: string, width?: number, numFmt?: string) => ({ key, header: t(`col_${key}`), ...(width ? { width } : {}), ...(numFmt ? { numFmt } : {}) });
  const indicators: SheetSpec = {
    name: t('sheet_indicators'),
    columns: [col('indicator', 60), col('indicator_id', 22), col('year', 8), col('through', 12), col('numerator', 12), col('denominator', 12), col('value', 10, PERCENT), col('comparator', 10), col('target', 10, PERCENT), col('status', 16), col('change', 16, '0.0'), col('pace_expected', 16, '0.0'), col('pace_ratio', 14, PERCENT), col('units_counted', 14)],
    rows: data.indicators.map((s) => ({
      indicator: pickText(s.def.label, locale),
      indicator_id: s.def.id,
      year: s.latest.year,
      through: s.through,
      numerator: s.latest.numerator,
      denominator: s.latest.denominator,
      value: s.latest.value,
      comparator: s.def.comparator,
      target: s.def.target,
      status: t(`indicator_${s.latest.status}`),
      change: s.change === null ? null : Math.round(s.change * 1000) / 10,
      pace_expected: s.latest.pace ? s.latest.pace.expectedByNow : null,
      pace_ratio: s.latest.pace?.ratioOfExpected ?? null,
      units_counted: s.latest.unitsCounted.length,
    })),
  };
  const completenessRows: Array<Record<string, CellValue>> = [];
  for (const { form, periods } of data.completeness) {
    for (const period of periods) {
      const base = { form: pickText(form.title, locale), period: messageText(locale, periodLabel(form.period, period.window.key)), due: excelLocalTime(period.window.dueAt, data.timeZone) };
      for (const [status, units] of [['on_time', period.onTime], ['late', period.late], ['missing', period.missing]] as const) {
        for (const unit of units) completenessRows.push({ ...base, unit_code: unit.code, unit_name: unit.name, status: t(`status_${status}`) });
      }
    }
  }
  const completeness: SheetSpec = {
    name: t('sheet_completeness'),
    columns: [col('form', 50), col('period', 16), col('due', 18, 'dd/mm/yyyy hh:mm'), col('unit_code', 14), col('unit_name', 45), col('status', 12)],
    rows: completenessRows,
  };
  const below: SheetSpec = {
    name: t('sheet_below_target'),
    columns: [col('indicator', 60), col('unit_code', 14), col('unit_name', 45), col('numerator', 12), col('denominator', 12), col('value', 10, PERCENT)],
    rows: data.indicators.flatMap((s) =>
      s.belowTarget.map((row) => ({
        indicator: pickText(s.def.label, locale),
        unit_code: row.unitCode,
        unit_name: data.unitsByCode.get(row.unitCode)?.name ?? row.unitCode,
        numerator: row.numerator,
        denominator: row.denominator,
        value: row.value,
      })),
    ),
  };
  const unreachable: SheetSpec = {
    name: t('sheet_unreachable'),
    columns: [col('contact', 30), col('unit_name', 45), col('channel', 12), col('since', 18, 'dd/mm/yyyy hh:mm'), col('reason', 30)],
    rows: data.unreachable.map((c) => ({
      contact: c.contactName,
      unit_name: c.units.map((unit) => unit.name).join(', '),
      channel: c.channel,
      since: excelLocalTime(c.since, data.timeZone),
      reason: c.reason,
    })),
  };
  return [indicators, completeness, ...reviewSheets(data, locale), below, unreachable];
}

/** The review: counts per form and period, then every returned report waiting too long with its whole reason. */
function reviewSheets(data: DigestData, locale: Locale): SheetSpec[] {
  const t = (key: string) => translate(locale, `exports.${key}`);
  const col = (key: string, width?: number, numFmt?: string) => ({ key, header: t(`col_${key}`), ...(width ? { width } : {}), ...(numFmt ? { numFmt } : {}) });
  const counts: SheetSpec = {
    name: t('sheet_review'),
    columns: [col('form', 50), col('period', 16), col('review_new', 10), col('review_accepted', 14), col('review_returned', 10)],
    rows: data.review.flatMap(({ form, periods }) =>
      periods.map(({ window, counts: c }) => ({
        form: pickText(form.title, locale),
        period: messageText(locale, periodLabel(form.period, window.key)),
        review_new: c.new,
        review_accepted: c.accepted,
        review_returned: c.returned,
      })),
    ),
  };
  const waiting: SheetSpec = {
    name: translate(locale, 'exports.sheet_returned_waiting', { days: STALE_RETURN_DAYS }),
    columns: [col('form', 50), col('period', 16), col('unit_code', 14), col('unit_name', 45), col('returned_at', 18, 'dd/mm/yyyy hh:mm'), col('days_waiting', 12), col('reason', 80)],
    rows: data.review.flatMap(({ form, staleReturns }) =>
      staleReturns.map((item) => ({
        form: pickText(form.title, locale),
        period: messageText(locale, periodLabel(form.period, item.periodKey)),
        unit_code: item.unit.code,
        unit_name: item.unit.name,
        returned_at: excelLocalTime(item.returnedAt, data.timeZone),
        days_waiting: item.days,
        reason: item.reason,
      })),
    ),
  };
  return [counts, waiting];
}

/** The workbook as XLSX bytes. */
export function digestWorkbook(data: DigestData, locale: Locale): Promise<Buffer> {
  return writeWorkbook(digestSheets(data, locale));
}
