/** The languages the product speaks; Vietnamese is the default everywhere. */
export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

/** Accepts anything a person or a platform might send ("vi-VN", "EN") and returns a supported locale. */
export function toLocale(value: string | null | undefined, fallback: Locale = DEFAULT_LOCALE): Locale {
  const short = (value ?? '').trim().slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(short) ? (short as Locale) : fallback;
}
