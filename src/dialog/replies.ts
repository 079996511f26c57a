import type { Answers, Locale } from '../domain/index.ts';

/** A locale key with its parameters, translated by the channel in the contact's language. */
export interface MessageRef {
  key: string;
  params?: ReplyParams;
}

/** Parameters of a message: already-formatted text, numbers, or another message to translate. */
export type ReplyParams = { [name: string]: string | number | MessageRef };

/**
 * One line of a reply: a locale key with its parameters, or literal text (a form's label, which is
 * already in the contact's language). `style` lets a channel with markup emphasise it.
 */
export type ReplyLine =
  | { key: string; params?: ReplyParams; style?: LineStyle }
  | { text: string; style?: LineStyle };

export type LineStyle = 'title' | 'question' | 'hint' | 'error' | 'plain';

/** A choice the contact can answer by number or by pressing a button; `data` is short and language-free. */
export interface ReplyOption {
  data: string;
  /** The label as text (a form's choice), or `ref` to translate instead. */
  label: string;
  ref?: MessageRef;
  /**
   * A shorter label for a button, whose text a phone cuts: it leads with what tells the choices apart.
   * A channel that uses it lists the full labels in the message, so nothing is hidden.
   */
  buttonRef?: MessageRef;
}

/** A shortcut button (confirm, skip, back); channels without buttons rely on the text instead. */
export interface ReplyAction {
  data: string;
  label: MessageRef;
}

/** One message to show. */
export interface Reply {
  lines: ReplyLine[];
  /** Numbered choices: buttons on Telegram, numbered lines elsewhere. */
  options?: ReplyOption[];
  /** Extra buttons, for channels that have them. */
  actions?: ReplyAction[][];
}

/** What the engine asks the app to make durable along with the new state. */
export type DialogEffect =
  | {
      kind: 'submit';
      unitId: number;
      formId: string;
      formVersion: number;
      periodKey: string;
      answers: Answers;
      late: boolean;
      /** The unit had a report for this period already (as far as this step knew): this one is its next revision. */
      replaces: boolean;
    }
  | { kind: 'set_locale'; locale: Locale };

/** A reply made of one locale key. */
export function say(key: string, params?: ReplyParams, style?: LineStyle): Reply {
  return { lines: [{ key, params, style }] };
}
