/** The languages the product speaks; Vietnamese is the default and the fallback everywhere. */
export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

/** Accepts anything a person or a platform might send ("vi-VN", "EN") and returns a supported locale. */
export function toLocale(value: string | null | undefined, fallback: Locale = DEFAULT_LOCALE): Locale {
  const short = (value ?? '').trim().slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(short) ? (short as Locale) : fallback;
}

/** Text given per locale, as written in a form (`{ vi: ..., en: ... }`); `vi` is mandatory in valid forms. */
export type LocalizedText = Partial<Record<Locale, string>> & Record<string, string | undefined>;

/**
 * Picks the text for a locale, falling back to Vietnamese, then to any text present,
 * so a missing English label never leaves a user with nothing to read.
 */
export function pickText(text: LocalizedText | undefined, locale: Locale): string {
  if (!text) return '';
  const direct = text[locale];
  if (direct !== undefined && direct !== '') return direct;
  if (text.vi !== undefined && text.vi !== '') return text.vi;
  for (const value of Object.values(text)) if (value) return value;
  return '';
}
