/**
 * One unit: where it sits in the scope, its status for the latest two periods of every form, the
 * units under it, its reports (each linking to the report's page) and its own figures over time.
 */
import { html } from 'hono/html';
import { periodLabel } from '../../../dialog/period-label.ts';
import { pickText } from '../../../domain/index.ts';
import type { Form } from '../../../domain/index.ts';
import type { UnitView } from '../dashboard-figures.ts';
import { indicatorCard, shortPeriod } from './indicator-card.ts';
import { layout, type Html } from './layout.ts';
import { pageTools, type PageContext } from './page-context.ts';

/** The unit's page; `forms` names the forms of its reports. */
export function unitPage(ctx: PageContext, view: UnitView, forms: readonly Form[]): Html {
  const { t, text, number, percent, date, dateTime, path } = pageTools(ctx);
  const { unit } = view;
  const formOf = (id: string) => forms.find((f) => f.id === id);
  const breadcrumb = view.path.length ? html`<p class="crumbs">${view.path.map((u) => html`<a href="${path(`don-vi/${u.id}`)}">${u.name}</a> › `)}</p>` : '';
  const status = view.reporting
    ? html`<section><h2>${t('unit_reports_status')}</h2><ul class="statuses">${view.periods.map((p) => {
        const line = p.status
          ? t(p.status.late ? 'unit_filed_late' : 'unit_filed_on_time', { at: dateTime(p.status.submittedAt) })
          : t(p.overdue ? 'unit_not_filed_overdue' : 'unit_not_filed_yet', { due: date(p.window.dueAt) });
        const state = p.status ? (p.status.late ? 'late' : 'on_time') : p.overdue ? 'overdue' : 'open';
        return html`<li data-form="${p.form.id}" data-period="${p.window.key}"><span class="dot state-${state}"></span> ${pickText(p.form.title, ctx.locale)}, ${text(periodLabel(p.form.period, p.window.key))}: ${line}</li>`;
      })}</ul></section>`
    : html`<p class="muted">${t('not_reporting')}</p>`;
  const children = view.children.length
    ? html`<section><h2>${t('unit_children')}</h2><ul class="children">${view.children.map((c) => html`<li><a href="${path(`don-vi/${c.id}`)}">${c.name}</a> <span class="muted">${c.code}</span></li>`)}</ul></section>`
    : '';
  const reports = view.reports.length
    ? html`<div class="table-wrap"><table class="reports"><thead><tr><th scope="col">${t('col_form')}</th><th scope="col">${t('col_period')}</th><th scope="col">${t('col_submitted_at')}</th><th scope="col">${t('col_status')}</th><th scope="col">${t('col_revision')}</th>${view.reports.some((r) => r.reviewStatus) ? html`<th scope="col">${t('col_review')}</th>` : ''}</tr></thead><tbody>${view.reports.map((r) => {
        const form = formOf(r.formId);
        return html`<tr data-report="${r.id}"><td><a href="${path(`bao-cao/${r.id}`)}">${form ? pickText(form.title, ctx.locale) : r.formId}</a></td><td>${form ? text(periodLabel(form.period, r.periodKey)) : r.periodKey}</td><td>${dateTime(r.submittedAt)}</td><td>${t(r.late ? 'report_status_late' : 'report_status_on_time')}</td><td class="num">${number(r.revision)}</td>${r.reviewStatus ? html`<td>${t(`review_${r.reviewStatus}`)}</td>` : ''}</tr>`;
      })}</tbody></table></div>`
    : html`<p>${t('unit_no_reports')}</p>`;
  const figures = view.reporting
    ? html`<section><h2>${t('unit_figures')}</h2><div class="indicators">${view.summaries.map((summary, index) => {
        const trend = view.trends[index];
        const table = trend && trend.points.length
          ? html`<details><summary>${t('col_value')}</summary><table class="points"><thead><tr><th scope="col">${t('col_period')}</th><th scope="col">${t('col_value')}</th><th scope="col">${t('col_numerator')}</th><th scope="col">${t('col_denominator')}</th></tr></thead><tbody>${trend.points.map((p) => html`<tr data-point="${summary.def.id}|${p.periodKey}"><td>${shortPeriod(trend.periodType, p.periodKey)}</td><td class="num">${p.value === null ? '—' : percent(p.value)}</td><td class="num">${number(p.numerator)}</td><td class="num">${number(p.denominator)}</td></tr>`)}</tbody></table></details>`
          : '';
        return indicatorCard(ctx, summary, trend, null, table);
      })}</div></section>`
    : '';
  const content = html`${breadcrumb}<h1>${unit.name} <span class="muted">(${unit.code})</span></h1>
${status}
${children}
<section><h2>${t('unit_reports')}</h2>${reports}</section>
${figures}`;
  return layout(ctx, unit.name, 'units', content);
}
