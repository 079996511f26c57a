import type { LineStyle, MessageRef, Reply, ReplyParams } from '../dialog/replies.ts';
import type { Locale } from '../domain/localized-text.ts';
import { translate } from '../i18n/translator.ts';

/** How a channel writes text: escaping for its markup, and emphasis by line style. */
export interface TextFormat {
  escape(text: string): string;
  decorate(text: string, style: LineStyle): string;
}

/** Plain text, for channels without markup (Zalo, the terminal). */
export const PLAIN_TEXT: TextFormat = { escape: (text) => text, decorate: (text) => text };

/** A reply in one language, ready for a channel: text, choices and buttons. */
export interface RenderedReply {
  text: string;
  /** `button`: the short label for a button, when the reply gives one. */
  options: Array<{ data: string; label: string; button?: string }>;
  actions: Array<Array<{ data: string; label: string }>>;
}

/** Translates one message, with nested messages (such as a period's name) translated first. */
export function renderMessage(locale: Locale, ref: MessageRef, escape: (text: string) => string = (t) => t): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(ref.params ?? ({} as ReplyParams))) {
    params[name] = typeof value === 'object' ? renderMessage(locale, value, escape) : typeof value === 'string' ? escape(value) : value;
  }
  return translate(locale, ref.key, params, escape);
}

/** Renders a reply's lines, choices and buttons in a language and a channel's text format. */
export function renderReply(reply: Reply, locale: Locale, format: TextFormat = PLAIN_TEXT): RenderedReply {
  const lines = reply.lines.map((line) => {
    const text = 'text' in line ? format.escape(line.text) : renderMessage(locale, line, format.escape);
    return format.decorate(text, line.style ?? 'plain');
  });
  const options = (reply.options ?? []).map((option) => ({
    data: option.data,
    label: option.ref ? renderMessage(locale, option.ref) : option.label,
    ...(option.buttonRef ? { button: renderMessage(locale, option.buttonRef) } : {}),
  }));
  const actions = (reply.actions ?? []).map((row) =>
    row.map((action) => ({ data: action.data, label: renderMessage(locale, action.label) })),
  );
  return { text: lines.join('\n'), options, actions };
}

/** Plain text with the choices as numbered lines: what Zalo and the terminal show. */
export function renderAsNumberedText(reply: Reply, locale: Locale): string {
  const rendered = renderReply(reply, locale, PLAIN_TEXT);
  const choices = rendered.options.map((option, index) => `${index + 1}. ${option.label}`);
  return [rendered.text, ...choices].join('\n');
}
