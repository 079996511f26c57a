import { isLate, pickText, validateSubmission, type Form } from '../domain/index.ts';
import { formatAnswer } from '../i18n/format-answer.ts';
import { foldForMatch } from '../domain/text/normalize.ts';
import type { DialogContext, ReportingOption } from './dialog-context.ts';
import { sessionKey, type DialogState, type Session } from './dialog-state.ts';
import { periodLabel } from './period-label.ts';
import { answerableQuestions, questionPrompt } from './question-prompt.ts';
import type { DialogEffect, Reply, ReplyLine } from './replies.ts';

/** Words that confirm a summary, in both languages, compared without diacritics. */
const CONFIRM_WORDS = new Set(['ok', 'oke', 'okay', 'gui', 'gui di', 'xac nhan', 'dong y', 'co', 'c', 'yes', 'y', 'send', 'confirm', 'submit']);

/** The option (open period) a session reports for, if it is still open. */
export function optionOf(session: Session, ctx: DialogContext): ReportingOption | undefined {
  return ctx.options.find((o) => sessionKey(o) === sessionKey(session));
}

/**
 * The summary before confirming: every answer, numbered so any one can be changed by typing its
 * number, and a button to send.
 */
export function reviewReply(form: Form, session: Session, ctx: DialogContext, intro: ReplyLine[] = []): Reply {
  const option = optionOf(session, ctx);
  const lines: ReplyLine[] = [...intro];
  lines.push({
    key: 'dialog.review_title',
    params: {
      form: pickText(form.title, ctx.locale),
      unit: option?.unitName ?? '',
      period: periodLabel(form.period, session.periodKey),
    },
    style: 'title',
  });
  answerableQuestions(form, session).forEach((question, index) => {
    const value = formatAnswer(form, question, session.answers[question.name], ctx.locale);
    lines.push({ key: 'dialog.review_line', params: { number: index + 1, label: pickText(question.label, ctx.locale), value } });
  });
  lines.push({ key: session.amending ? 'dialog.review_hint_amend' : 'dialog.review_hint', style: 'hint' });
  return {
    lines,
    actions: [[{ data: 'a:confirm', label: { key: 'dialog.button_confirm' } }, { data: 'a:cancel', label: { key: 'dialog.button_cancel' } }]],
  };
}

export interface ReviewResult {
  state: DialogState;
  replies: Reply[];
  effects: DialogEffect[];
}

/** Typed text while the summary is shown: a confirmation, or the number of an answer to change. */
export function handleReviewText(state: DialogState, form: Form, session: Session, text: string, ctx: DialogContext): ReviewResult {
  const folded = foldForMatch(text);
  if (CONFIRM_WORDS.has(folded)) return confirm(state, form, session, ctx);
  const number = Number(folded.replace(/^(cau|so|#)\s*/, ''));
  const answerable = answerableQuestions(form, session);
  if (Number.isInteger(number) && number >= 1 && number <= answerable.length) {
    return { ...editAnswer(state, form, session, number, ctx), effects: [] };
  }
  return {
    state,
    replies: [reviewReply(form, session, ctx, [{ key: 'dialog.review_not_understood', params: { max: answerable.length }, style: 'error' }])],
    effects: [],
  };
}

/** Jumps to answer `number` of the summary to change it, then comes back to the summary. */
export function editAnswer(state: DialogState, form: Form, session: Session, number: number, ctx: DialogContext): { state: DialogState; replies: Reply[] } {
  const question = answerableQuestions(form, session)[number - 1];
  if (!question) return { state, replies: [reviewReply(form, session, ctx)] };
  const editing: Session = { ...session, cursor: question.name, returnToReview: true, failures: 0 };
  const key = sessionKey(editing);
  const next = { ...state, mode: 'session' as const, active: key, sessions: { ...state.sessions, [key]: editing } };
  return { state: next, replies: [questionPrompt(form, editing, ctx.locale)] };
}

/**
 * Confirms: re-checks every answer, checks that the period still accepts reports, then asks the app
 * to store the submission (marked late after the due time) and forgets the draft.
 */
export function confirm(state: DialogState, form: Form, session: Session, ctx: DialogContext): ReviewResult {
  const option = optionOf(session, ctx);
  const key = sessionKey(session);
  const { [key]: _submitted, ...others } = state.sessions;
  if (!option || option.closesAt.getTime() <= ctx.now.getTime()) {
    const closed: DialogState = { ...state, mode: 'idle', active: null, sessions: others };
    return { state: closed, replies: [{ lines: [{ key: 'dialog.period_closed', params: { period: periodLabel(form.period, session.periodKey) } }] }], effects: [] };
  }
  const problems = validateSubmission(form, session.answers, { locale: ctx.locale });
  const first = problems[0];
  if (first) {
    const fix: Session = { ...session, cursor: first.question, returnToReview: true, failures: 0 };
    return {
      state: { ...state, mode: 'session', active: key, sessions: { ...state.sessions, [key]: fix } },
      replies: [questionPrompt(form, fix, ctx.locale, { error: { key: first.code, params: first.params } })],
      effects: [],
    };
  }
  const late = isLate(option, ctx.now);
  const effect: DialogEffect = {
    kind: 'submit',
    unitId: session.unitId,
    formId: session.formId,
    formVersion: session.formVersion,
    periodKey: session.periodKey,
    answers: session.answers,
    late,
    replaces: option.submitted !== null,
  };
  const thanks: Reply = {
    lines: [
      {
        key: session.amending ? 'dialog.amended' : 'dialog.submitted',
        params: { name: ctx.contactName, unit: option.unitName, period: periodLabel(form.period, session.periodKey) },
        style: 'title',
      },
      ...(late ? [{ key: 'dialog.submitted_late' } as ReplyLine] : []),
    ],
  };
  return { state: { ...state, mode: 'idle', active: null, sessions: others }, replies: [thanks], effects: [effect] };
}
