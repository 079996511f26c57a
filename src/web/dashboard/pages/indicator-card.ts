/**
 * One indicator as the dashboard shows it: value with numerator and denominator, target and status,
 * pace and change as the digest computes them, and its trend as a server-drawn SVG chart.
 */
import { html, raw } from 'hono/html';
import { indicatorPeriod, targetText } from '../../../app/digest/indicator-lines.ts';
import { indicatorTrendSvg } from '../../../charts/indicator-trend-svg.ts';
import type { IndicatorSummary, IndicatorTrend } from '../../../domain/digest/index.ts';
import { pickText, type Form } from '../../../domain/index.ts';
import type { Html } from './layout.ts';
import { pageTools, type PageContext } from './page-context.ts';

/** "10/2026", "W48/2026", "Q4/2026" or "2025": short enough for a chart's axis. */
export function shortPeriod(type: Form['period'], key: string): string {
  const [year = '', part = ''] = key.split('-');
  if (type === 'yearly' || !part) return year;
  return `${part.replace(/^0/, '')}/${year}`;
}

/** The trend chart of an indicator. */
export function trendChart(ctx: PageContext, trend: IndicatorTrend): Html {
  const { t, percent } = pageTools(ctx);
  const svg = indicatorTrendSvg({
    title: t('trend_title', { label: pickText(trend.def.label, ctx.locale) }),
    target: trend.def.target,
    targetText: t('trend_target', { target: percent(trend.def.target) }),
    emptyText: t('trend_empty'),
    bottomText: (bottom) => percent(bottom, 0),
    points: trend.points.map((point) => ({
      label: shortPeriod(trend.periodType, point.periodKey),
      value: point.value,
      valueText: point.value === null ? '—' : percent(point.value),
    })),
  });
  // The SVG is built from escaped text only (see indicatorTrendSvg).
  return html`<figure class="trend">${raw(svg)}</figure>`;
}

/** The indicator's card (`extra` below its chart); `belowHref` links the count of units below target to the filtered unit list. */
export function indicatorCard(ctx: PageContext, summary: IndicatorSummary, trend: IndicatorTrend | undefined, belowHref: string | null, extra: Html | '' = ''): Html {
  const { t, text, number, percent } = pageTools(ctx);
  const { latest } = summary;
  const value = latest.value === null
    ? html`<p class="value none">${t('indicator_no_data')}</p>`
    : html`<p class="value"><strong data-indicator-value="${summary.def.id}">${percent(latest.value)}</strong> <span class="fraction">(${number(latest.numerator)}/${number(latest.denominator)})</span> <span class="period">${text(indicatorPeriod(summary))}</span></p>`;
  const change = summary.change === null ? '' : html`<li>${t(Math.abs(summary.change) < 0.0005 ? 'change_same' : summary.change > 0 ? 'change_up' : 'change_down', { points: number(Math.abs(summary.change) * 100, 1) })}</li>`;
  const pace = latest.pace
    ? html`<li data-pace="${summary.def.id}">${t('pace', { actual: number(latest.numerator), expected: number(latest.pace.expectedByNow, 1), ratio: latest.pace.ratioOfExpected === null ? '—' : percent(latest.pace.ratioOfExpected, 0) })}</li>`
    : '';
  const below = summary.belowTarget.length
    ? html`<li>${belowHref ? html`<a href="${belowHref}">${t('below_count', { count: number(summary.belowTarget.length) })}</a>` : t('below_count', { count: number(summary.belowTarget.length) })}</li>`
    : '';
  return html`<article class="indicator status-${latest.status}" id="chi-so-${summary.def.id}">
  <h3>${pickText(summary.def.label, ctx.locale)}</h3>
  ${value}
  <p class="badge status-${latest.status}">${t(`status_${latest.status}`)}</p>
  <ul class="facts"><li>${t('target', { target: text(targetText(summary, ctx.locale)) })}</li>${pace}${change}${below}</ul>
  ${trend ? trendChart(ctx, trend) : ''}
  ${extra}
</article>`;
}
