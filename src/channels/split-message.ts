/**
 * Splitting a long reply into messages a platform accepts (Zalo: 2000 characters, Telegram: 4096).
 *
 * Lines are packed greedily into parts, so a digest or a numbered list of options breaks between
 * lines. Joining the parts with '\n' gives the original text back whenever every line fits the
 * limit and no blank line falls on a part boundary (blank lines there are dropped, and a part is
 * never blank: the platform refuses empty texts).
 */

/**
 * Splits `text` into ordered parts of at most `limit` characters (UTF-16 code units, the
 * stricter count). A line longer than the limit is cut at the last space that fits, else hard
 * (never inside a surrogate pair). Never returns an empty or blank part; a blank text gives `[]`.
 */
export function splitMessage(text: string, limit: number): string[] {
  if (!Number.isInteger(limit) || limit < 2) throw new RangeError('splitMessage: limit must be an integer >= 2');
  if (text.length <= limit) return text.trim().length === 0 ? [] : [text];
  const parts: string[] = [];
  let current: string | undefined;
  for (const line of text.split('\n')) {
    const candidate = current === undefined ? line : `${current}\n${line}`;
    if (candidate.length <= limit) {
      current = candidate;
      continue;
    }
    pushPart(parts, current);
    if (line.length <= limit) {
      current = line;
      continue;
    }
    const pieces = splitLongLine(line, limit);
    current = pieces.pop();
    for (const piece of pieces) pushPart(parts, piece);
  }
  pushPart(parts, current);
  return parts;
}

/** Blank lines at a part's edges are trimmed and blank parts dropped: they cannot be sent. */
function pushPart(parts: string[], part: string | undefined): void {
  if (part === undefined) return;
  const trimmed = part.replace(/^\n+|\n+$/g, '');
  if (trimmed.trim().length > 0) parts.push(trimmed);
}

/** Cuts one over-long line into pieces of at most `limit`, preferring the last space that fits. */
function splitLongLine(line: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > limit) {
    const space = rest.lastIndexOf(' ', limit);
    let cut: number;
    let skip = 0;
    if (space > 0) {
      cut = space;
      skip = 1;
    } else {
      cut = isHighSurrogate(rest.charCodeAt(limit - 1)) ? limit - 1 : limit;
    }
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut + skip);
  }
  pieces.push(rest);
  return pieces.filter((piece) => piece.length > 0);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
