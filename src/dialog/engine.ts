import type { Locale } from '../domain/index.ts';
import { foldForMatch } from '../domain/text/normalize.ts';
import { parseCommand, type CommandName } from './commands.ts';
import type { DialogContext } from './dialog-context.ts';
import type { DialogState } from './dialog-state.ts';
import { choosePeriod, startReport } from './period-menu.ts';
import type { DialogEffect, Reply } from './replies.ts';
import { confirm, editAnswer, handleReviewText } from './review-flow.ts';
import { activeSession, answerCurrent, goBack, presentSession, skipCurrent } from './session-flow.ts';
import { statusReply } from './status-view.ts';

/** What the contact did: typed text (commands included) or pressed a button carrying short data. */
export type DialogInput = { kind: 'text'; text: string } | { kind: 'button'; data: string };

/** One step's outcome. The engine never sends: the app persists `state` and `effects`, then a channel renders `replies`. */
export interface StepResult {
  state: DialogState;
  replies: Reply[];
  effects: DialogEffect[];
  /** The language to render the replies in (it changes with /ngonngu). */
  locale: Locale;
}

/** The engine's commands; the app answers the others (registration, supervisor queries). */
export const ENGINE_COMMANDS: ReadonlySet<CommandName> = new Set(['report', 'status', 'language', 'help', 'cancel', 'back', 'skip']);

/** Runs one step of a contact's conversation. Pure: same state, input and context give the same result. */
export function step(state: DialogState, input: DialogInput, ctx: DialogContext): StepResult {
  const done = (next: DialogState, replies: Reply[], effects: DialogEffect[] = [], locale = ctx.locale): StepResult => ({
    state: next,
    replies,
    effects,
    locale,
  });
  if (input.kind === 'button') return pressButton(state, input.data, ctx, done);
  const command = parseCommand(input.text);
  if (command) return runCommand(state, command.name, command.args, ctx, done);
  return typeText(state, input.text, ctx, done);
}

type Done = (next: DialogState, replies: Reply[], effects?: DialogEffect[], locale?: Locale) => StepResult;

function runCommand(state: DialogState, name: CommandName | null, args: string, ctx: DialogContext, done: Done): StepResult {
  const active = activeSession(state, ctx);
  switch (name) {
    case 'report': {
      if (active) return done(state, [presentSession(active.form, active.session, ctx, { intro: [{ key: 'dialog.resuming' }] })]);
      const result = startReport(state, ctx);
      return done(result.state, result.replies);
    }
    case 'status':
      return done(state, [statusReply(state, ctx)]);
    case 'help':
      return done(state, [helpReply(ctx)]);
    case 'language':
      return switchLanguage(state, args, ctx, done);
    case 'cancel': {
      if (state.mode === 'idle') return done(state, [{ lines: [{ key: 'dialog.nothing_to_cancel' }] }]);
      const idle: DialogState = { ...state, mode: 'idle', active: null, periodChoices: [] };
      return done(idle, [{ lines: [{ key: active ? 'dialog.cancelled_draft_kept' : 'dialog.cancelled' }] }]);
    }
    case 'back': {
      if (!active) return done(state, [{ lines: [{ key: 'dialog.nothing_to_go_back' }] }]);
      if (active.session.cursor === null) {
        const last = active.session.trail.length;
        const edited = editAnswer(state, active.form, active.session, Math.max(1, lastAnswerNumber(active) || last), ctx);
        return done(edited.state, edited.replies);
      }
      const result = goBack(state, active.form, active.session, ctx);
      return done(result.state, result.replies);
    }
    case 'skip': {
      if (!active || active.session.cursor === null) return done(state, [{ lines: [{ key: 'dialog.nothing_to_skip' }] }]);
      const result = skipCurrent(state, active.form, active.session, ctx);
      return done(result.state, result.replies);
    }
    case null:
      return done(state, [{ lines: [{ key: 'dialog.unknown_command' }] }]);
    default:
      return done(state, [{ lines: [{ key: 'dialog.not_for_you' }] }]);
  }
}

/** On the summary, "back" reopens the last question. */
function lastAnswerNumber(active: NonNullable<ReturnType<typeof activeSession>>): number {
  return Object.keys(active.session.answers).length ? Number.MAX_SAFE_INTEGER : 0;
}

function typeText(state: DialogState, text: string, ctx: DialogContext, done: Done): StepResult {
  if (state.mode === 'choosing_period') {
    const number = Number(foldForMatch(text));
    const result = Number.isInteger(number) && number > 0
      ? choosePeriod(state, number, ctx)
      : { state, replies: [{ lines: [{ key: 'dialog.choose_period_again', params: { max: state.periodChoices.length } }] }] };
    return done(result.state, result.replies);
  }
  const active = activeSession(state, ctx);
  if (!active) {
    const idle: DialogState = { ...state, mode: 'idle', active: null };
    return done(idle, [{ lines: [{ key: 'dialog.idle_hint', params: { name: ctx.contactName } }] }]);
  }
  if (active.session.cursor === null) {
    const result = handleReviewText(state, active.form, active.session, text, ctx);
    return done(result.state, result.replies, result.effects);
  }
  const result = answerCurrent(state, active.form, active.session, text, ctx);
  return done(result.state, result.replies);
}

function pressButton(state: DialogState, data: string, ctx: DialogContext, done: Done): StepResult {
  const [kind, value = ''] = data.split(':');
  const active = activeSession(state, ctx);
  switch (kind) {
    case 'a':
      if (value === 'confirm') {
        if (!active || active.session.cursor !== null) return done(state, [{ lines: [{ key: 'dialog.button_expired' }] }]);
        const result = confirm(state, active.form, active.session, ctx);
        return done(result.state, result.replies, result.effects);
      }
      return runCommand(state, value === 'back' || value === 'skip' || value === 'cancel' ? value : null, '', ctx, done);
    case 'p':
      if (state.mode !== 'choosing_period') return done(state, [{ lines: [{ key: 'dialog.button_expired' }] }]);
      return done(...Object.values(choosePeriod(state, Number(value), ctx)) as [DialogState, Reply[]]);
    case 'c': {
      const [questionIndex, choiceNumber] = value.split('.').map(Number);
      const question = active && questionIndex !== undefined ? active.form.questions[questionIndex] : undefined;
      if (!active || !question || question.name !== active.session.cursor) {
        const replies: Reply[] = [{ lines: [{ key: 'dialog.button_expired' }] }];
        if (active) replies.push(presentSession(active.form, active.session, ctx));
        return done(state, replies);
      }
      const result = answerCurrent(state, active.form, active.session, String(choiceNumber), ctx);
      return done(result.state, result.replies);
    }
    case 'l':
      return switchLanguage(state, value, ctx, done);
    default:
      return done(state, [{ lines: [{ key: 'dialog.button_expired' }] }]);
  }
}

/** The words each language answers to in `/ngonngu <…>`, compared folded (no diacritics, lower case). */
const LANGUAGE_WORDS: Record<Locale, RegExp> = {
  vi: /^(vi|vn|viet|tieng viet|vietnamese)$/,
  en: /^(en|english|tieng anh|anh)$/,
};

/**
 * `/ngonngu` alone toggles between the two languages; `/ngonngu en` picks one. Anything else is
 * refused with the list of languages, so a typo never switches the contact to a language they did
 * not ask for.
 */
function switchLanguage(state: DialogState, args: string, ctx: DialogContext, done: Done): StepResult {
  const wanted = foldForMatch(args);
  const picked = (Object.keys(LANGUAGE_WORDS) as Locale[]).find((locale) => LANGUAGE_WORDS[locale].test(wanted));
  if (wanted !== '' && !picked) {
    return done(state, [{ lines: [{ key: 'dialog.language_unknown', params: { language: args.trim().slice(0, 40) } }] }]);
  }
  const locale: Locale = picked ?? (ctx.locale === 'vi' ? 'en' : 'vi');
  return done(state, [{ lines: [{ key: 'dialog.language_set' }] }], [{ kind: 'set_locale', locale }], locale);
}

function helpReply(ctx: DialogContext): Reply {
  const reporter = ctx.roles.includes('reporter');
  const lines: Reply['lines'] = [{ key: reporter ? 'dialog.help_reporter' : 'dialog.help_general', params: { name: ctx.contactName } }];
  if (ctx.roles.includes('supervisor') || ctx.roles.includes('admin')) lines.push({ key: 'dialog.help_supervisor' });
  if (ctx.roles.includes('admin')) lines.push({ key: 'dialog.help_admin' });
  return { lines };
}
