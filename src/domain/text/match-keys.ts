import { foldForMatch } from './normalize.ts';

/**
 * The form in which headers and words from a file are compared: case and Vietnamese diacritics
 * dropped, every run of spaces or punctuation made one underscore. "Mã cấp trên", "ma cap tren" and
 * "MA_CAP_TREN" are all `ma_cap_tren`.
 */
export function headerKey(text: string): string {
  return foldForMatch(text)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The same without any separator, for words people write run together ("nguoibaocao"). */
export function compactKey(text: string): string {
  return headerKey(text).replace(/_/g, '');
}
