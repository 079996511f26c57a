import { pickText, questionBounds, relevantQuestions, isUnanswered, isYesNoList, type Form, type Locale, type Question } from '../domain/index.ts';
import { formatAnswer } from '../i18n/format-answer.ts';
import { formatNumber } from '../i18n/format.ts';
import type { Session } from './dialog-state.ts';
import type { MessageRef, Reply, ReplyAction, ReplyLine } from './replies.ts';

/** The questions a contact answers (notes excluded), given the answers so far. */
export function answerableQuestions(form: Form, session: Pick<Session, 'answers'>): Question[] {
  return relevantQuestions(form, session.answers).filter((question) => question.type !== 'note');
}

/** Button data of a choice: the question's position and the choice's number, short and language-free. */
export function choiceData(form: Form, question: Question, choiceNumber: number): string {
  return `c:${form.questions.indexOf(question)}.${choiceNumber}`;
}

export interface PromptExtras {
  /** Why the last answer was refused. */
  error?: MessageRef;
  /** Lines shown before the question (e.g. "resuming your draft"). */
  intro?: ReplyLine[];
  /** After repeated failures: how to get help or get out. */
  offerHelp?: boolean;
}

/**
 * Asks the session's current question: progress ("Câu 3/12"), any note just before it, the label,
 * hint, expected format and bounds, the current value when changing an answer, and the choices.
 */
export function questionPrompt(form: Form, session: Session, locale: Locale, extras: PromptExtras = {}): Reply {
  const question = form.questions.find((q) => q.name === session.cursor);
  if (!question) return { lines: [{ key: 'dialog.internal_error' }] };
  const answerable = answerableQuestions(form, session);
  const lines: ReplyLine[] = [];
  if (extras.error) lines.push({ ...extras.error, style: 'error' });
  if (extras.intro) lines.push(...extras.intro);
  for (const note of notesBefore(form, question, session)) lines.push({ text: pickText(note.label, locale), style: 'hint' });
  lines.push({
    key: 'dialog.progress',
    params: { current: answerable.indexOf(question) + 1, total: answerable.length },
    style: 'title',
  });
  lines.push({ text: pickText(question.label, locale), style: 'question' });
  if (question.hint) lines.push({ text: pickText(question.hint, locale), style: 'hint' });
  const expected = expectedFormat(form, question, locale);
  if (expected) lines.push({ ...expected, style: 'hint' });
  const current = session.answers[question.name];
  if (current !== undefined && !isUnanswered(current)) {
    lines.push({ key: 'dialog.current_value', params: { value: formatAnswer(form, question, current, locale) }, style: 'hint' });
  }
  if (!question.required) lines.push({ key: 'dialog.optional', style: 'hint' });
  if (extras.offerHelp) lines.push({ key: 'dialog.help_after_failures', style: 'hint' });

  const reply: Reply = { lines };
  const choices = question.listName ? form.choices[question.listName] ?? [] : [];
  if (choices.length) {
    reply.options = choices.map((choice, index) => ({
      data: choiceData(form, question, index + 1),
      label: pickText(choice.label, locale),
    }));
  }
  const actions: ReplyAction[] = [];
  if (session.trail.length) actions.push({ data: 'a:back', label: { key: 'dialog.button_back' } });
  if (!question.required) actions.push({ data: 'a:skip', label: { key: 'dialog.button_skip' } });
  if (actions.length) reply.actions = [actions];
  return reply;
}

/** Notes placed right before a question are read out with it. */
function notesBefore(form: Form, question: Question, session: Session): Question[] {
  const notes: Question[] = [];
  const relevant = new Set(relevantQuestions(form, session.answers).map((q) => q.name));
  for (let index = form.questions.indexOf(question) - 1; index >= 0; index -= 1) {
    const candidate = form.questions[index];
    if (!candidate || candidate.type !== 'note') break;
    if (relevant.has(candidate.name)) notes.unshift(candidate);
  }
  return notes;
}

/** What kind of answer is expected, with bounds when the constraint gives them. */
function expectedFormat(form: Form, question: Question, locale: Locale): MessageRef | null {
  switch (question.type) {
    case 'integer':
    case 'decimal': {
      const { min, max } = questionBounds(question);
      const kind = question.type === 'integer' ? 'dialog.expect_integer' : 'dialog.expect_decimal';
      if (min !== undefined && max !== undefined) {
        return { key: `${kind}_between`, params: { min: formatNumber(locale, min), max: formatNumber(locale, max) } };
      }
      if (min !== undefined) return { key: `${kind}_min`, params: { min: formatNumber(locale, min) } };
      if (max !== undefined) return { key: `${kind}_max`, params: { max: formatNumber(locale, max) } };
      return { key: kind };
    }
    case 'date':
      return { key: 'dialog.expect_date' };
    case 'select_one':
      return isYesNoList(form.choices[question.listName ?? ''] ?? []) ? { key: 'dialog.expect_yes_no' } : { key: 'dialog.expect_choice' };
    case 'select_multiple':
      return { key: 'dialog.expect_choices' };
    default:
      return null;
  }
}
