/**
 * Splitting a long Telegram HTML message (a summary with long answers, a digest) so that every part
 * is valid Telegram HTML on its own: never inside a tag or an entity (`&amp;`), tags still open at the
 * end of a part closed there and opened again at the start of the next. Breaks fall between lines
 * where they can, else between words, else anywhere between two characters (never inside a
 * surrogate pair). Telegram refuses a part that cuts `&amp;` or `<b>` in two, and an empty one.
 */

/** One piece of the HTML: a tag, an entity, or one character (a whole surrogate pair). */
type Token = { kind: 'open'; name: string; raw: string } | { kind: 'close'; name: string; raw: string } | { kind: 'text'; raw: string };

/** An open tag as it was written (attributes kept, so a link reopens with its address). */
interface OpenTag {
  name: string;
  raw: string;
}

const TOKEN = /<\/?([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?>|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{0,31});|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g;

function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  for (const match of html.matchAll(TOKEN)) {
    const raw = match[0];
    const name = match[1]?.toLowerCase();
    if (name && raw.startsWith('</')) tokens.push({ kind: 'close', name, raw });
    else if (name) tokens.push({ kind: 'open', name, raw });
    else tokens.push({ kind: 'text', raw });
  }
  return tokens;
}

function afterToken(stack: readonly OpenTag[], token: Token): OpenTag[] {
  if (token.kind === 'open') return [...stack, { name: token.name, raw: token.raw }];
  if (token.kind === 'close') {
    const at = stack.map((tag) => tag.name).lastIndexOf(token.name);
    return at < 0 ? [...stack] : stack.slice(0, at);
  }
  return stack as OpenTag[];
}

const opening = (stack: readonly OpenTag[]) => stack.map((tag) => tag.raw).join('');
const closing = (stack: readonly OpenTag[]) => [...stack].reverse().map((tag) => `</${tag.name}>`).join('');

/** Removes elements left empty by a split (`<b></b>`): they carry nothing and some clients refuse them. */
function dropEmptyElements(html: string): string {
  let previous: string;
  let current = html;
  do {
    previous = current;
    current = current.replace(/<([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?><\/\1>/g, '');
  } while (current !== previous);
  return current;
}

/** The text a reader sees: no tags, entities counted as the one character they stand for. */
function visibleText(html: string): string {
  return html.replace(/<[^<>]*>/g, '').replace(/&[^;\s]{1,32};/g, 'x');
}

/** A place a part may end: just before a separator (dropped) or just before a token (hard cut). */
interface Cut {
  index: number;
  stack: OpenTag[];
  skip: number;
}

/**
 * Splits Telegram HTML into parts of at most `limit` UTF-16 code units, each valid on its own (see
 * above). Never returns a part that shows nothing; a text that shows nothing gives `[]`.
 */
export function splitTelegramHtml(html: string, limit: number): string[] {
  if (!Number.isInteger(limit) || limit < 64) throw new RangeError('splitTelegramHtml: limit must be an integer >= 64');
  if (html.length <= limit) return visibleText(html).trim() === '' ? [] : [html];
  const parts: string[] = [];
  let prefix: OpenTag[] = [];
  let current: Token[] = [];
  let stack: OpenTag[] = [];
  let length = 0;
  let lastLine: Cut | null = null;
  let lastSpace: Cut | null = null;

  const emit = (tokens: Token[], endStack: OpenTag[], start: OpenTag[]) => {
    const text = dropEmptyElements(opening(start) + tokens.map((token) => token.raw).join('') + closing(endStack)).replace(/^\n+|\n+$/g, '');
    if (visibleText(text).trim() !== '') parts.push(text);
  };
  const track = (token: Token, index: number) => {
    if (token.raw === '\n') lastLine = { index, stack: [...stack], skip: 1 };
    else if (token.raw === ' ') lastSpace = { index, stack: [...stack], skip: 1 };
  };
  const restart = (tokens: Token[], start: OpenTag[]) => {
    prefix = start;
    current = [];
    stack = [...start];
    length = 0;
    lastLine = null;
    lastSpace = null;
    for (const token of tokens) {
      current.push(token);
      stack = afterToken(stack, token);
      length += token.raw.length;
      track(token, current.length - 1);
    }
  };

  for (const token of tokenize(html)) {
    for (let guard = 0; guard < 8; guard += 1) {
      const next = afterToken(stack, token);
      const fits = opening(prefix).length + length + token.raw.length + closing(next).length <= limit;
      if (fits || current.length === 0) break;
      const cut: Cut = (lastLine as Cut | null) ?? (lastSpace as Cut | null) ?? { index: current.length, stack: [...stack], skip: 0 };
      emit(current.slice(0, cut.index), cut.stack, prefix);
      restart(current.slice(cut.index + cut.skip), cut.stack);
    }
    current.push(token);
    stack = afterToken(stack, token);
    length += token.raw.length;
    track(token, current.length - 1);
  }
  emit(current, stack, prefix);
  return parts;
}
