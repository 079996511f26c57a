/**
 * Text normalisation for matching what people type on phones: full-width characters,
 * Vietnamese diacritics, case and stray spaces should not decide whether an answer is understood.
 */

/** NFKC (full-width digits and punctuation → ASCII), odd minus/space characters unified, trimmed, spaces collapsed. */
export function normalizeInput(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2212\u2012\u2013\u2014]/g, '-')
    .replace(/[\u00a0\u2007\u2009\u202f\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
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
