/**
 * The digest's chart in the reader's language: each indicator's latest value against its target,
 * and the completeness of each form's latest period, drawn as SVG and rendered to PNG.
 */
import { pickText, type Locale } from '../../domain/index.ts';
import type { DigestData } from '../../domain/digest/index.ts';
import { indicatorChartSvg, type IndicatorChartModel } from '../../charts/indicator-chart-svg.ts';
import { svgToPng } from '../../charts/render-png.ts';
import { periodLabel } from '../../dialog/period-label.ts';
import { formatDate, formatPercent } from '../../i18n/format.ts';
import { translate } from '../../i18n/translator.ts';
import { scopeName } from './digest-reply.ts';
import { messageText } from './message-text.ts';

/** The chart's content, translated. */
export function digestChartModel(data: DigestData, locale: Locale): IndicatorChartModel {
  const date = formatDate(locale, data.generatedAt, data.timeZone);
  const scope = scopeName(data);
  return {
    title: translate(locale, 'digest.chart_title', { scope }),
    subtitle: translate(locale, 'digest.chart_subtitle', { date }),
    bars: data.indicators.map((summary) => ({
      label: pickText(summary.def.label, locale),
      value: summary.latest.value,
      target: summary.def.target,
      status: summary.latest.status,
      valueText: summary.latest.value === null ? translate(locale, 'digest.chart_no_data') : formatPercent(locale, summary.latest.value),
      scaleEndText: (end: number) => formatPercent(locale, end, 0),
    })),
    stacks: data.completeness.flatMap(({ form, periods }) => {
      const period = periods[0];
      if (!period) return [];
      const label = translate(locale, 'digest.chart_completeness', {
        period: messageText(locale, periodLabel(form.period, period.window.key)),
        on_time: period.onTime.length,
        late: period.late.length,
        missing: period.missing.length,
      });
      return [{ label: `${pickText(form.title, locale)} — ${label}`, onTime: period.onTime.length, late: period.late.length, missing: period.missing.length }];
    }),
  };
}

/** The chart as PNG bytes. */
export function digestChartPng(data: DigestData, locale: Locale): Buffer {
  return svgToPng(indicatorChartSvg(digestChartModel(data, locale)));
}
