/**
 * Text helpers for hand-written SVG: escaping, and wrapping long labels by an estimate of the
 * font's average letter width (Be Vietnam Pro averages a little over half its size).
 */

/** Escapes text for an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Estimated width of a text in pixels at a font size. */
export function estimateWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.56;
}

/** Breaks a label into at most `maxLines` lines that fit `width`; the last one ends with "…" if cut. */
export function wrapText(text: string, width: number, fontSize: number, maxLines = 2): string[] {
  const perLine = Math.max(8, Math.floor(width / (fontSize * 0.56)));
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (candidate.length <= perLine) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = word.length > perLine ? `${word.slice(0, perLine - 1)}…` : word;
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] as string;
  kept[maxLines - 1] = last.length >= perLine ? `${last.slice(0, perLine - 1)}…` : `${last}…`;
  return kept;
}
