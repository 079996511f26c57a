import type { LineStyle, Reply } from '../../dialog/replies.ts';
import type { Locale } from '../../domain/localized-text.ts';
import { renderReply, type TextFormat } from '../render-reply.ts';
import { splitTelegramHtml } from './split-html.ts';

/** Telegram's limit on a message's text. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Button labels are cut here: long ones are unreadable on a phone anyway. */
const BUTTON_LABEL_LIMIT = 60;

/** Escapes text for Telegram's HTML parse mode: user input and form labels never become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const STYLES: Record<LineStyle, (text: string) => string> = {
  title: (text) => `<b>${text}</b>`,
  question: (text) => `<b>${text}</b>`,
  hint: (text) => `<i>${text}</i>`,
  error: (text) => `⚠️ ${text}`,
  plain: (text) => text,
};

const HTML: TextFormat = { escape: escapeHtml, decorate: (text, style) => STYLES[style](text) };

/** One sendMessage call's text and options. */
export interface TelegramOutgoing {
  text: string;
  extra: {
    parse_mode: 'HTML';
    reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
  };
}

function buttonLabel(text: string): string {
  return text.length > BUTTON_LABEL_LIMIT ? `${text.slice(0, BUTTON_LABEL_LIMIT - 1)}…` : text;
}

/**
 * Renders a reply for Telegram: HTML text with every inserted value escaped, choices as inline
 * buttons (one per row, numbered so typing the number works too), shortcut buttons below, and a
 * text over 4096 characters split on line boundaries into parts that are each valid HTML, with the
 * buttons on the last part.
 */
export function renderForTelegram(reply: Reply, locale: Locale): TelegramOutgoing[] {
  const rendered = renderReply(reply, locale, HTML);
  // Short button labels stand for longer ones: the message lists those in full, numbered like the buttons.
  const shortened = rendered.options.some((option) => option.button !== undefined);
  const listed = shortened ? rendered.options.map((option, index) => `${index + 1}. ${escapeHtml(option.label)}`) : [];
  const text = [rendered.text, ...listed].join('\n');
  const keyboard = [
    ...rendered.options.map((option, index) => [{ text: buttonLabel(`${index + 1}. ${option.button ?? option.label}`), callback_data: option.data }]),
    ...rendered.actions.map((row) => row.map((action) => ({ text: buttonLabel(action.label), callback_data: action.data }))),
  ];
  const parts = splitTelegramHtml(text, TELEGRAM_TEXT_LIMIT);
  return parts.map((text, index) => ({
    text,
    extra: {
      parse_mode: 'HTML' as const,
      ...(index === parts.length - 1 && keyboard.length ? { reply_markup: { inline_keyboard: keyboard } } : {}),
    },
  }));
}
