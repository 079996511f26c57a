/**
 * The unit tree of the viewer's scope with a colour per form and period (on time, late, missing and
 * overdue, not yet due), and filters for the units that need a call: missing, late, below target,
 * and returned once reports carry a review state.
 */
import { html } from 'hono/html';
import { periodLabel } from '../../../dialog/period-label.ts';
import { pickText } from '../../../domain/index.ts';
import type { UnitFilter, UnitTreeView } from '../dashboard-figures.ts';
import { layout, type Html } from './layout.ts';
import { pageTools, type PageContext } from './page-context.ts';

/** Indentation classes stop here; deeper units keep this indentation. */
const MAX_DEPTH_CLASS = 6;

/** The unit list, whole or filtered. */
export function unitsPage(ctx: PageContext, view: UnitTreeView, filter: UnitFilter | null): Html {
  const { t, text, number, path } = pageTools(ctx);
  const forms = view.data.completeness.map(({ form, periods }) => ({ form, periods }));
  const filters: Array<UnitFilter | null> = [null, 'missing', 'late', 'below', ...(view.reviewFilter ? (['returned'] as const) : [])];
  const rows = filter ? view.rows.filter((row) => row.flags.has(filter)) : view.rows;
  const filterLink = (value: UnitFilter | null) => {
    const href = value ? path(`don-vi?loc=${value}`) : path('don-vi');
    return html`<a href="${href}" class="filter"${value === filter ? html` aria-current="page"` : ''}>${t(value ? `filter_${value}` : 'filter_all')}</a>`;
  };
  const header = forms.map(({ form }) => html`<th scope="col">${pickText(form.title, ctx.locale)}</th>`);
  const body = rows.map((row) => {
    const cells = row.states.length
      ? row.states.map((entry, index) => {
          const periods = forms[index]?.periods ?? [];
          return html`<td class="states">${entry.periods.map((period, p) => {
            const label = `${text(periodLabel(forms[index]?.form.period ?? 'yearly', periods[p]?.window.key ?? period.key))}: ${t(`state_${period.state}`)}`;
            return html`<span class="dot state-${period.state}" title="${label}"><span class="sr">${label}</span></span>`;
          })}</td>`;
        })
      : html`<td class="muted" colspan="${forms.length}">${t('not_reporting')}</td>`;
    const depth = filter ? 0 : Math.min(row.depth, MAX_DEPTH_CLASS);
    return html`<tr data-unit="${row.unit.code}">
  <th scope="row" class="depth-${depth}"><a href="${path(`don-vi/${row.unit.id}`)}">${row.unit.name}</a></th>
  <td>${row.unit.code}</td>
  ${filter ? html`<td>${row.parent?.name ?? ''}</td>` : ''}
  ${cells}
  <td class="num">${row.below.length ? html`<span title="${row.below.map((s) => pickText(s.def.label, ctx.locale)).join('; ')}">${number(row.below.length)}</span>` : ''}</td>
</tr>`;
  });
  const content = html`<h1>${t('units_title')}</h1>
<nav class="filters">${filters.map(filterLink)}</nav>
<p class="muted"><span data-unit-count="${rows.length}">${t('filter_count', { count: number(rows.length) })}</span> · ${t('legend')}
<span class="legend"><span class="dot state-on_time"></span>${t('state_on_time')} <span class="dot state-late"></span>${t('state_late')} <span class="dot state-overdue"></span>${t('state_overdue')} <span class="dot state-open"></span>${t('state_open')}</span></p>
${rows.length === 0
  ? html`<p>${t('filter_none')}</p>`
  : html`<div class="table-wrap"><table class="units">
<thead><tr><th scope="col">${t('col_unit')}</th><th scope="col">${t('col_code')}</th>${filter ? html`<th scope="col">${t('col_parent')}</th>` : ''}${header}<th scope="col">${t('col_below')}</th></tr></thead>
<tbody>${body}</tbody>
</table></div>`}`;
  return layout(ctx, t('units_title'), 'units', content);
}
