/**
 * Checks what a bot puts in a message the way the Bot API does: text 1–4096 characters after
 * entity parsing, captions up to 1024, inline keyboards whose `callback_data` is 1–64 bytes.
 */
import { badRequest } from './api-error.ts';
import { parseHtml } from './html-text.ts';
import { readJsonParam, readOptionalString } from './param-readers.ts';
import type { TgMessageEntity } from './types.ts';

/** The Bot API's limits, in characters (Unicode code points) or bytes as named. */
export const LIMITS = { text: 4096, caption: 1024, callbackDataBytes: 64, callbackAnswer: 200 } as const;

/** Text ready to store: what was sent, what the user sees, and its entities. */
export interface CheckedText {
  raw: string;
  plain: string;
  entities: TgMessageEntity[];
  parseMode: string | undefined;
}

/** Parses `text` (or `caption`) under `parse_mode`; only HTML is parsed strictly, Markdown is kept verbatim. */
export function parseFormatted(raw: string, parseMode: string | undefined): CheckedText {
  if (parseMode === undefined || parseMode === '') return { raw, plain: raw, entities: [], parseMode: undefined };
  const mode = parseMode.toLowerCase();
  if (mode === 'html') {
    const parsed = parseHtml(raw);
    return { raw, plain: parsed.text, entities: parsed.entities, parseMode };
  }
  if (mode === 'markdown' || mode === 'markdownv2') return { raw, plain: raw, entities: [], parseMode };
  throw badRequest(`unsupported parse_mode "${parseMode}"`);
}

/** A message text: present, non-blank and at most 4096 characters once parsed. */
export function checkMessageText(params: Record<string, unknown>): CheckedText {
  const raw = readOptionalString(params, 'text') ?? '';
  const checked = parseFormatted(raw, readOptionalString(params, 'parse_mode'));
  if (checked.plain.trim() === '') throw badRequest('message text is empty');
  if (codePoints(checked.plain) > LIMITS.text) throw badRequest('message is too long');
  return checked;
}

/** An optional caption of at most 1024 characters once parsed. */
export function checkCaption(params: Record<string, unknown>): CheckedText | undefined {
  const raw = readOptionalString(params, 'caption');
  if (raw === undefined) return undefined;
  const checked = parseFormatted(raw, readOptionalString(params, 'parse_mode'));
  if (codePoints(checked.plain) > LIMITS.caption) throw badRequest('message caption is too long');
  return checked;
}

/** The `reply_markup`, parsed and validated; undefined when absent. */
export function checkReplyMarkup(params: Record<string, unknown>): unknown {
  const markup = readJsonParam(params, 'reply_markup', "can't parse reply keyboard markup JSON object");
  if (markup === undefined) return undefined;
  if (markup === null || typeof markup !== 'object' || Array.isArray(markup)) throw badRequest('object expected as reply markup');
  const inline = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (inline !== undefined) checkInlineKeyboard(inline);
  return markup;
}

const BUTTON_ACTIONS = ['callback_data', 'url', 'switch_inline_query', 'switch_inline_query_current_chat', 'switch_inline_query_chosen_chat', 'login_url', 'web_app', 'callback_game', 'pay', 'copy_text'];

function checkInlineKeyboard(rows: unknown): void {
  if (!Array.isArray(rows)) throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array');
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row)) throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
    for (const button of row as unknown[]) checkInlineButton(button);
  }
}

function checkInlineButton(button: unknown): void {
  if (button === null || typeof button !== 'object') throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  const fields = button as Record<string, unknown>;
  if (typeof fields.text !== 'string') throw badRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
  if (!BUTTON_ACTIONS.some((action) => fields[action] !== undefined)) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  const data = fields.callback_data;
  if (data !== undefined) {
    const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : 0;
    if (bytes < 1 || bytes > LIMITS.callbackDataBytes) throw badRequest('BUTTON_DATA_INVALID');
  }
  if (fields.url !== undefined && (typeof fields.url !== 'string' || !URL.canParse(fields.url))) throw badRequest('BUTTON_URL_INVALID');
}

/** Counts characters as the Bot API does: Unicode code points, not UTF-16 units. */
export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** True when two reply markups are the same (absent equals an empty inline keyboard). */
export function sameMarkup(a: unknown, b: unknown): boolean {
  const normal = (markup: unknown): string => JSON.stringify(markup ?? { inline_keyboard: [] });
  return normal(a) === normal(b);
}
