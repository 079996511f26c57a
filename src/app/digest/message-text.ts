/**
 * Message references as plain text, for outputs that are not chat replies (chart labels, workbook
 * cells, the command line): the same keys and nested parameters the channels render.
 */
import type { Locale } from '../../domain/index.ts';
import type { MessageRef, Reply } from '../../dialog/replies.ts';
import { translate } from '../../i18n/translator.ts';

/** Translates a message, nested messages first. */
export function messageText(locale: Locale, ref: MessageRef): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(ref.params ?? {})) params[name] = typeof value === 'object' ? messageText(locale, value) : value;
  return translate(locale, ref.key, params);
}

/** A reply as plain lines, with its options numbered: what the command line prints. */
export function replyText(locale: Locale, reply: Reply): string {
  const lines = reply.lines.map((line) => ('text' in line ? line.text : messageText(locale, line)));
  const options = (reply.options ?? []).map((option, index) => `${index + 1}. ${option.ref ? messageText(locale, option.ref) : option.label}`);
  return [...lines, ...options].join('\n');
}
