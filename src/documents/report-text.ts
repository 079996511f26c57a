/**
 * The compiled report's words and figures in the reader's language: titles, status names, numbers
 * and percentages the Vietnamese way, "chưa có số liệu" where there is no data (never 0 %). The
 * document and its workbook appendix both read their texts here, so they say the same thing.
 */
import { DateTime } from 'luxon';
import type { ReportContent } from '../app/annual-report/report-content.ts';
import type { IndicatorSummary } from '../domain/digest/index.ts';
import { pickText, type Form, type Locale } from '../domain/index.ts';
import { periodLabel } from '../dialog/period-label.ts';
import { formatDate, formatNumber, formatPercent } from '../i18n/format.ts';
import { translate, type MessageParams } from '../i18n/translator.ts';

/** Texts of the `report` namespace, and the formats, for one locale. */
export class ReportText {
  constructor(
    readonly locale: Locale,
    readonly timeZone: string,
  ) {}

  t(key: string, params?: MessageParams): string {
    return translate(this.locale, `report.${key}`, params);
  }

  number(value: number | null): string {
    return value === null ? this.t('no_data') : formatNumber(this.locale, value);
  }

  /** A ratio as a percentage; "chưa có số liệu" when there is none. */
  percent(value: number | null): string {
    return value === null ? this.t('no_data') : formatPercent(this.locale, value);
  }

  date(instant: Date): string {
    return formatDate(this.locale, instant, this.timeZone);
  }

  /** The report's summary line ("Kết quả thực hiện Kế hoạch số 26-KH/BCSĐ năm 2026"). */
  summary(content: Pick<ReportContent, 'period'>): string {
    const { kind, fromYear, toYear } = content.period;
    if (kind === 'annual') return this.t('summary_annual', { year: toYear });
    return this.t(kind === 'so-ket' ? 'summary_so_ket' : 'summary_tong_ket', { from: fromYear, to: toYear });
  }

  /** "năm 2026" or "giai đoạn 2023 - 2025". */
  span(content: Pick<ReportContent, 'period'>): string {
    const { kind, fromYear, toYear } = content.period;
    return kind === 'annual' ? this.t('span_annual', { year: toYear }) : this.t('span_review', { from: fromYear, to: toYear });
  }

  /**
   * "…, ngày 05 tháng 01 năm 2027": days below 10 and the months January and February take a
   * leading zero, as official documents write them.
   */
  placeDate(place: string, instant: Date): string {
    const local = DateTime.fromJSDate(instant, { zone: this.timeZone });
    const day = String(local.day).padStart(2, '0');
    const month = local.month <= 2 ? String(local.month).padStart(2, '0') : String(local.month);
    return this.t('place_date', { place, day, month, year: local.year });
  }

  formTitle(form: Form): string {
    return pickText(form.title, this.locale);
  }

  indicatorLabel(summary: IndicatorSummary): string {
    return pickText(summary.def.label, this.locale);
  }

  /** "trên 90 %, đến năm 2025". */
  target(summary: IndicatorSummary): string {
    const comparator = this.t(summary.def.comparator === '>' ? 'comparator_gt' : 'comparator_ge');
    const target = formatPercent(this.locale, summary.def.target);
    const horizon = summary.latest.horizon;
    return horizon === null ? this.t('target_text_no_horizon', { comparator, target }) : this.t('target_text', { comparator, target, horizon });
  }

  status(status: string): string {
    return this.t(`status_${status}`);
  }

  pace(summary: IndicatorSummary): string {
    const ratio = summary.latest.pace?.ratioOfExpected;
    return ratio === undefined || ratio === null ? '' : this.t('pace_text', { ratio: formatPercent(this.locale, ratio, 0) });
  }

  /** "tuần 12/2026" from a weekly period key. */
  week(periodKey: string): string {
    const label = periodLabel('weekly', periodKey);
    return translate(this.locale, label.key, label.params as MessageParams);
  }
}
