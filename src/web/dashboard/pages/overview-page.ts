/**
 * The overview: completeness of the current and last periods of every form, then every indicator
 * against its target with pace, change and its trend: the digest of the viewer's scope, on a page.
 */
import { html } from 'hono/html';
import { scopeName } from '../../../app/digest/digest-reply.ts';
import { periodLabel } from '../../../dialog/period-label.ts';
import { pickText } from '../../../domain/index.ts';
import type { Overview } from '../dashboard-figures.ts';
import { indicatorCard } from './indicator-card.ts';
import { layout, type Html } from './layout.ts';
import { pageTools, type PageContext } from './page-context.ts';

/** The overview page. */
export function overviewPage(ctx: PageContext, view: Overview): Html {
  const { t, text, number, date, dateTime, path } = pageTools(ctx);
  const { data, trends } = view;
  const rows = data.completeness.flatMap(({ form, periods }) =>
    periods.map((period, index) => {
      const filed = period.onTime.length + period.late.length;
      return html`<tr data-form="${form.id}" data-period="${period.window.key}">
  ${index === 0 ? html`<th scope="rowgroup" rowspan="${periods.length}">${pickText(form.title, ctx.locale)}</th>` : ''}
  <td>${text(periodLabel(form.period, period.window.key))}</td>
  <td>${date(period.window.dueAt)} <span class="muted">(${t(period.overdue ? 'period_overdue' : 'period_open')})</span></td>
  <td class="num" data-count="on_time">${number(period.onTime.length)}</td>
  <td class="num" data-count="late">${period.late.length ? html`<a href="${path('don-vi?loc=late')}">${number(period.late.length)}</a>` : number(0)}</td>
  <td class="num" data-count="missing">${period.missing.length && period.overdue ? html`<a href="${path('don-vi?loc=missing')}">${number(period.missing.length)}</a>` : number(period.missing.length)}</td>
  <td class="num" data-count="expected">${number(period.expected)}</td>
  <td><meter min="0" max="${Math.max(1, period.expected)}" value="${filed}" title="${number(filed)}/${number(period.expected)}">${number(filed)}/${number(period.expected)}</meter></td>
</tr>`;
    }),
  );
  const body = html`<h1>${scopeName(data)}</h1>
<p class="muted">${t('as_of', { at: dateTime(data.generatedAt) })}</p>
<section>
<h2>${t('completeness_title')}</h2>
<div class="table-wrap"><table class="completeness">
<thead><tr><th scope="col">${t('col_form')}</th><th scope="col">${t('col_period')}</th><th scope="col">${t('col_due')}</th><th scope="col">${t('col_on_time')}</th><th scope="col">${t('col_late')}</th><th scope="col">${t('col_missing')}</th><th scope="col">${t('col_expected')}</th><th scope="col">${t('col_rate')}</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
</section>
<section>
<h2>${t('indicators_title')}</h2>
<div class="indicators">${data.indicators.map((summary, index) => indicatorCard(ctx, summary, trends[index], path('don-vi?loc=below')))}</div>
</section>`;
  return layout(ctx, t('nav_overview'), 'overview', body);
}
