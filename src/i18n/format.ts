import type { Locale } from './locales.ts';

const INTL_LOCALE: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

/** 1.234,5 in Vietnamese, 1,234.5 in English. */
export function formatNumber(locale: Locale, value: number, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits }).format(value);
}

/** A ratio as a percentage: 0.925 → "92,5 %" in Vietnamese, "92.5%" in English. */
export function formatPercent(locale: Locale, ratio: number, maximumFractionDigits = 1): string {
  const number = formatNumber(locale, ratio * 100, maximumFractionDigits);
  return locale === 'vi' ? `${number} %` : `${number}%`;
}

/** 27/11/2026 in both locales (the form people in Viet Nam read), in the given time zone. */
export function formatDate(locale: Locale, instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(instant);
}

/** 17:00 27/11/2026: the time first, as Vietnamese notices write it. */
export function formatDateTime(locale: Locale, instant: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${time} ${formatDate(locale, instant, timeZone)}`;
}
