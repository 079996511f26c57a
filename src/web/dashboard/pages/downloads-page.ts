/**
 * Downloads: the digest workbook of the viewer's scope, and the export workbook of each form's
 * latest two periods, both limited to the units of the scope.
 */
import { html } from 'hono/html';
import { periodLabel } from '../../../dialog/period-label.ts';
import { digestWindows } from '../../../domain/digest/index.ts';
import { pickText, type Form } from '../../../domain/index.ts';
import { layout, type Html } from './layout.ts';
import { pageTools, type PageContext } from './page-context.ts';

/** The downloads page. */
export function downloadsPage(ctx: PageContext, forms: readonly Form[], now: Date): Html {
  const { t, text, path } = pageTools(ctx);
  const exports = forms.map((form) => html`<li>${pickText(form.title, ctx.locale)}: ${digestWindows(form, now, ctx.timeZone).map(
    (w, i) => html`${i ? ' · ' : ''}<a href="${path(`tai-ve/xuat.xlsx?bieu-mau=${encodeURIComponent(form.id)}&ky=${encodeURIComponent(w.key)}`)}" download>${text(periodLabel(form.period, w.key))}</a>`,
  )}</li>`);
  const content = html`<h1>${t('downloads_title')}</h1>
<p class="muted">${t('downloads_scope_note')}</p>
<ul class="downloads">
<li><a href="${path('tai-ve/tong-hop.xlsx')}" download>${t('downloads_digest')}</a></li>
<li>${t('downloads_export')}<ul>${exports}</ul></li>
</ul>`;
  return layout(ctx, t('downloads_title'), 'downloads', content);
}
