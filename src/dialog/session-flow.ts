import { isUnanswered, parseAnswer, pruneIrrelevant, type Form } from '../domain/index.ts';
import type { DialogContext } from './dialog-context.ts';
import { sessionKey, type DialogState, type Session } from './dialog-state.ts';
import { answerableQuestions, questionPrompt, type PromptExtras } from './question-prompt.ts';
import type { Reply } from './replies.ts';
import { reviewReply } from './review-flow.ts';

/** After this many refused answers in a row, the prompt offers help and the way out. */
export const FAILURES_BEFORE_HELP = 3;

export interface FlowResult {
  state: DialogState;
  replies: Reply[];
}

/** The active session and its form, if the contact is in the middle of a report. */
export function activeSession(state: DialogState, ctx: DialogContext): { session: Session; form: Form } | null {
  if (state.mode !== 'session' || !state.active) return null;
  const session = state.sessions[state.active];
  if (!session) return null;
  const form = ctx.form(session.formId, session.formVersion);
  return form ? { session, form } : null;
}

/** Replaces the active session in a state, immutably. */
export function withSession(state: DialogState, session: Session): DialogState {
  const key = sessionKey(session);
  return { ...state, mode: 'session', active: key, sessions: { ...state.sessions, [key]: session } };
}

/**
 * The next question to ask after `from` (or from the top): the next relevant one in order, or, when
 * changing an answer from the summary, the next relevant one still unanswered. Null means "show the
 * summary".
 */
export function nextCursor(form: Form, session: Session, from: string | null): string | null {
  const answerable = answerableQuestions(form, session);
  const start = from === null ? 0 : answerable.findIndex((q) => q.name === from) + 1;
  for (const question of answerable.slice(start)) {
    if (!session.returnToReview || !(question.name in session.answers)) return question.name;
  }
  return null;
}

/** Shows where the session stands: its current question, or the summary. */
export function presentSession(form: Form, session: Session, ctx: DialogContext, extras: PromptExtras = {}): Reply {
  if (session.cursor === null) return reviewReply(form, session, ctx, extras.intro);
  return questionPrompt(form, session, ctx.locale, extras);
}

/** Moves past the current question, to the next one or to the summary. */
function advance(form: Form, session: Session): Session {
  const cursor = nextCursor(form, session, session.cursor);
  const trail = session.cursor ? [...session.trail.filter((name) => name !== session.cursor), session.cursor] : session.trail;
  return { ...session, cursor, trail, failures: 0, returnToReview: cursor === null ? false : session.returnToReview };
}

/** Handles typed text as the answer to the current question. */
export function answerCurrent(state: DialogState, form: Form, session: Session, text: string, ctx: DialogContext): FlowResult {
  const question = form.questions.find((q) => q.name === session.cursor);
  if (!question) return { state, replies: [presentSession(form, session, ctx)] };
  const result = parseAnswer(form, question, text, session.answers, { locale: ctx.locale });
  if (!result.ok) {
    const failed = { ...session, failures: session.failures + 1 };
    const reply = questionPrompt(form, failed, ctx.locale, {
      error: { key: result.error.code, params: result.error.params },
      offerHelp: failed.failures >= FAILURES_BEFORE_HELP,
    });
    return { state: withSession(state, failed), replies: [reply] };
  }
  const answers = pruneIrrelevant(form, { ...session.answers, [question.name]: result.value });
  const next = advance(form, { ...session, answers });
  return { state: withSession(state, next), replies: [presentSession(form, next, ctx)] };
}

/** "/boqua": skips an optional question; a required one is asked again with the reason. */
export function skipCurrent(state: DialogState, form: Form, session: Session, ctx: DialogContext): FlowResult {
  const question = form.questions.find((q) => q.name === session.cursor);
  if (!question) return { state, replies: [say('dialog.nothing_to_skip'), presentSession(form, session, ctx)] };
  if (question.required) {
    return { state, replies: [questionPrompt(form, session, ctx.locale, { error: { key: 'dialog.cannot_skip' } })] };
  }
  const answers = pruneIrrelevant(form, { ...session.answers, [question.name]: null });
  const next = advance(form, { ...session, answers });
  return { state: withSession(state, next), replies: [presentSession(form, next, ctx)] };
}

/** "/quaylai": returns to the previous question, keeping its answer to show and change. */
export function goBack(state: DialogState, form: Form, session: Session, ctx: DialogContext): FlowResult {
  const trail = [...session.trail];
  let previous = trail.pop();
  const relevant = new Set(answerableQuestions(form, session).map((q) => q.name));
  while (previous !== undefined && !relevant.has(previous)) previous = trail.pop();
  if (previous === undefined) {
    return { state, replies: [questionPrompt(form, session, ctx.locale, { error: { key: 'dialog.at_first_question' } })] };
  }
  const back = { ...session, cursor: previous, trail, failures: 0, returnToReview: false };
  return { state: withSession(state, back), replies: [questionPrompt(form, back, ctx.locale)] };
}

/** A fresh session for a period, or the summary of what the unit already submitted. */
export function newSession(target: { unitId: number; formId: string; periodKey: string }, form: Form, submitted: { answers: Session['answers'] } | null): Session {
  const base: Session = {
    ...target,
    formVersion: form.version,
    answers: submitted ? pruneIrrelevant(form, submitted.answers) : {},
    cursor: null,
    trail: [],
    failures: 0,
    returnToReview: false,
    amending: submitted !== null,
  };
  if (submitted) return base;
  return { ...base, cursor: nextCursor(form, base, null) };
}

/** True once every required relevant question has an answer. */
export function isComplete(form: Form, session: Session): boolean {
  return answerableQuestions(form, session).every((q) => !q.required || !isUnanswered(session.answers[q.name]));
}

function say(key: string): Reply {
  return { lines: [{ key }] };
}
