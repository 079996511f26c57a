import { isLate, pickText, shortenTitle } from '../domain/index.ts';
import { formatDateTime } from '../i18n/format.ts';
import type { DialogContext, ReportingOption } from './dialog-context.ts';
import { sessionKey, type DialogState } from './dialog-state.ts';
import { periodLabel } from './period-label.ts';
import type { MessageRef, Reply } from './replies.ts';
import { newSession, presentSession, withSession } from './session-flow.ts';

export interface MenuResult {
  state: DialogState;
  replies: Reply[];
}

/** How an open period stands for the contact: submitted, a draft in progress, or not started. */
export function optionStatus(option: ReportingOption, state: DialogState, ctx: DialogContext): MessageRef {
  if (state.sessions[sessionKey(option)]) return { key: 'dialog.option_draft' };
  if (option.submitted?.reviewState === 'returned') return { key: 'review.option_returned' };
  if (option.beyondClose === 'reopened' && !option.submitted) {
    return { key: 'review.option_reopened', params: { until: formatDateTime(ctx.locale, option.closesAt, ctx.timeZone) } };
  }
  if (option.submitted) {
    return {
      key: option.submitted.late ? 'dialog.option_submitted_late' : 'dialog.option_submitted',
      params: { at: formatDateTime(ctx.locale, option.submitted.submittedAt, ctx.timeZone) },
    };
  }
  return { key: 'dialog.option_pending', params: { due: formatDateTime(ctx.locale, option.dueAt, ctx.timeZone) } };
}

/** "/baocao": starts the only open report, or lists the open periods to choose from. */
export function startReport(state: DialogState, ctx: DialogContext): MenuResult {
  if (ctx.options.length === 0) return { state, replies: [{ lines: [{ key: ctx.roles.includes('reporter') ? 'dialog.no_open_periods' : 'dialog.not_a_reporter' }] }] };
  if (ctx.options.length === 1) return openOption(state, ctx.options[0] as ReportingOption, ctx);
  const choices = ctx.options.map(({ unitId, formId, periodKey }) => ({ unitId, formId, periodKey }));
  const reply: Reply = {
    lines: [{ key: 'dialog.choose_period', style: 'title' }],
    options: ctx.options.map((option, index) => ({
      data: `p:${index + 1}`,
      label: '',
      ref: {
        key: 'dialog.option_line',
        params: {
          form: pickText(option.formTitle, ctx.locale),
          unit: option.unitName,
          period: periodLabel(option.periodType, option.periodKey),
          status: optionStatus(option, state, ctx),
        },
      },
      // On a button, what tells the choices apart comes first: the form's short name and the period.
      buttonRef: {
        key: 'dialog.option_button',
        params: {
          form: pickText(ctx.form(option.formId, option.formVersion)?.shortTitle ?? shortenTitle(option.formTitle), ctx.locale),
          period: periodLabel(option.periodType, option.periodKey),
          unit: option.unitName,
        },
      },
    })),
  };
  return { state: { ...state, mode: 'choosing_period', active: null, periodChoices: choices }, replies: [reply] };
}

/** The contact picked entry `number` of the period list (by typing it or pressing its button). */
export function choosePeriod(state: DialogState, number: number, ctx: DialogContext): MenuResult {
  const choice = state.periodChoices[number - 1];
  const option = choice && ctx.options.find((o) => sessionKey(o) === sessionKey(choice));
  if (!option) {
    if (choice) return startReport(state, ctx);
    return { state, replies: [{ lines: [{ key: 'dialog.choose_period_again', params: { max: state.periodChoices.length } }] }] };
  }
  return openOption(state, option, ctx);
}

/** Resumes the draft for an option, or starts one (on the summary when the unit already submitted). */
export function openOption(state: DialogState, option: ReportingOption, ctx: DialogContext): MenuResult {
  const existing = state.sessions[sessionKey(option)];
  const existingForm = existing && ctx.form(existing.formId, existing.formVersion);
  if (existing && existingForm) {
    const resumed = withSession({ ...state, periodChoices: [] }, existing);
    return { state: resumed, replies: [presentSession(existingForm, existing, ctx, { intro: [{ key: 'dialog.resuming' }] })] };
  }
  const form = ctx.form(option.formId, option.formVersion);
  if (!form) return { state, replies: [{ lines: [{ key: 'dialog.internal_error' }] }] };
  const session = newSession(option, form, option.submitted);
  const intro = option.submitted?.reviewState === 'returned'
    ? [{ key: 'review.returned_intro', params: { reason: option.submitted.reviewReason ?? '' } }]
    : option.submitted
    ? [{ key: 'dialog.amend_intro', params: { at: formatDateTime(ctx.locale, option.submitted.submittedAt, ctx.timeZone) } }]
    : [
        {
          key: 'dialog.report_intro',
          params: {
            form: pickText(form.title, ctx.locale),
            unit: option.unitName,
            period: periodLabel(option.periodType, option.periodKey),
            due: formatDateTime(ctx.locale, option.dueAt, ctx.timeZone),
          },
        },
        // Said before the first question, not only after the last: the reporter knows it will count as late.
        ...(isLate(option, ctx.now) ? [{ key: 'dialog.report_intro_overdue' }] : []),
      ];
  return { state: withSession({ ...state, periodChoices: [] }, session), replies: [presentSession(form, session, ctx, { intro })] };
}
