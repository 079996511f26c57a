/**
 * Text normalisation for matching what people type on phones: full-width characters,
 * Vietnamese diacritics, case and stray spaces should not decide whether an answer is understood.
 */

/**
 * Characters that show nothing yet count as text: format characters (zero-width spaces and joiners,
 * direction marks and overrides, the byte-order mark, soft hyphens), Hangul and braille fillers, and
 * control characters other than line breaks and tabs. A reporter cannot see them, so they must not
 * make an answer non-empty, lengthen it, or reorder how it is displayed to a supervisor.
 */
const INVISIBLE = /[\p{Cf}\u115f\u1160\u3164\uffa0\u2800\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;

/** NFKC (full-width digits and punctuation → ASCII), invisible characters removed, odd minus/space characters unified, trimmed, spaces collapsed. */
export function normalizeInput(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .replace(/[\u2212\u2012\u2013\u2014]/g, '-')
    .replace(/[\u00a0\u2007\u2009\u202f\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Normalises free text a person typed before it is checked and stored (text answers, names): Unicode
 * NFC, so "ệ" typed two ways is one text; invisible and direction-changing characters removed; odd
 * spaces made plain; Windows line breaks made "\n"; spaces at line ends and around the whole trimmed.
 * Line breaks inside stay: a long answer may have paragraphs.
 */
export function normalizeFreeText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .replace(/[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/ +\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Folds text for comparison: normalised, lower-cased, diacritics removed (đ → d),
 * surrounding punctuation dropped. "Không" and "khong." both fold to "khong".
 */
export function foldForMatch(text: string): string {
  return normalizeInput(text)
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/^[\s.,;:!?'"()]+|[\s.,;:!?'"()]+$/g, '')
    .replace(/\s+/g, ' ');
}
