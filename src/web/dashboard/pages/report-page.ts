/**
 * One report: its current answers, labelled by the form version it was filed on, every revision
 * (who, when, through which messenger, with that revision's answers) and its review state.
 */
import { html } from 'hono/html';
import { periodLabel } from '../../../dialog/period-label.ts';
import { pickText, type Answers, type Form } from '../../../domain/index.ts';
import { formatAnswer } from '../../../i18n/format-answer.ts';
import type { ReportView } from '../dashboard-figures.ts';
import { layout, type Html } from './layout.ts';
import { pageTools, type PageContext } from './page-context.ts';

/** Messengers as people write their names. */
const CHANNEL_NAMES: Record<string, string> = { telegram: 'Telegram', zalo: 'Zalo' };

function answersTable(ctx: PageContext, form: Form | undefined, answers: Answers): Html {
  const { t } = pageTools(ctx);
  const rows = form
    ? form.questions.filter((q) => q.type !== 'note').map((q) => html`<tr data-question="${q.name}"><th scope="row">${pickText(q.label, ctx.locale)}</th><td>${formatAnswer(form, q, answers[q.name], ctx.locale)}</td></tr>`)
    : Object.entries(answers).map(([name, value]) => html`<tr data-question="${name}"><th scope="row">${name}</th><td>${JSON.stringify(value)}</td></tr>`);
  return html`<div class="table-wrap"><table class="answers"><thead><tr><th scope="col">${t('question')}</th><th scope="col">${t('answer')}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** The report's page. */
export function reportPage(ctx: PageContext, view: ReportView): Html {
  const { t, text, dateTime, path } = pageTools(ctx);
  const { report, unit, form } = view;
  const title = t('report_title', { form: form ? pickText(form.title, ctx.locale) : report.formId, period: form ? text(periodLabel(form.period, report.periodKey)) : report.periodKey });
  // The review state: new, accepted, or returned with a reason (see /duyet and submissions review).
  const review = html`<section class="review"><h2>${t('review_title')}</h2><p data-review="${report.reviewStatus ?? ''}">${report.reviewStatus ? t('review_state', { state: t(`review_${report.reviewStatus}`) }) : t('review_none')}</p></section>`;
  // A revision loaded from a workbook of past reports (`submissions import`) came through no messenger.
  const revisionLine = (r: ReportView['report']['revisions'][number]) =>
    r.channel === 'import'
      ? t('report_revision_imported', { revision: r.revision, at: dateTime(r.submittedAt) })
      : t('report_revision_line', { revision: r.revision, at: dateTime(r.submittedAt), who: r.contactName ?? t('report_unknown_contact'), channel: CHANNEL_NAMES[r.channel] ?? r.channel });
  const revisions = report.revisions.map((r) => html`<details${r.revision === report.revision ? html` open` : ''} data-revision="${r.revision}"><summary>${revisionLine(r)}${r.late ? html` <span class="badge status-behind">${t('report_revision_late')}</span>` : ''}</summary>
<p class="muted">${t('report_form_version', { version: r.formVersion })}</p>
${answersTable(ctx, view.revisionForms.get(r.revision), r.answers)}</details>`);
  const content = html`<p class="crumbs"><a href="${path(`don-vi/${unit.id}`)}">${unit.name}</a> ›</p>
<h1>${title}</h1>
<ul class="facts">
<li>${t('report_unit', { unit: `${unit.name} (${unit.code})` })}</li>
<li><span class="badge status-${report.late ? 'behind' : 'met'}">${t(report.late ? 'report_status_late' : 'report_status_on_time')}</span></li>
<li>${t('report_first', { at: dateTime(report.firstSubmittedAt) })}</li>
<li data-current-revision="${report.revision}">${t('report_current', { revision: report.revision, at: dateTime(report.submittedAt) })}</li>
</ul>
<section><h2>${t('report_answers')}</h2>${answersTable(ctx, form, report.answers)}</section>
${review}
${report.revisions.length ? html`<section><h2>${t('report_revisions')}</h2>${revisions}</section>` : ''}`;
  return layout(ctx, title, 'units', content);
}
