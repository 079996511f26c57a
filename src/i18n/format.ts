import type { Locale } from '../domain/localized-text.ts';

const INTL_LOCALE: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

/**
 * Formatters made once per locale, time zone and option set: making one costs far more than using it,
 * and a reply may format a dozen dates.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `n|${locale}|${maximumFractionDigits}`;
  let format = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits })));
  return format;
}

function dateTimeFormat(kind: 'date' | 'time', locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${locale}|${timeZone}`;
  let format = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date' ? { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' } : { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    formatters.set(key, (format = new Intl.DateTimeFormat(INTL_LOCALE[locale], options)));
  }
  return format;
}

/** 1.234,5 in Vietnamese, 1,234.5 in English. */
export function formatNumber(locale: Locale, value: number, maximumFractionDigits = 2): string {
  return numberFormat(locale, maximumFractionDigits).format(value);
}

/** A ratio as a percentage: 0.925 → "92,5 %" in Vietnamese, "92.5%" in English. */
export function formatPercent(locale: Locale, ratio: number, maximumFractionDigits = 1): string {
  const number = formatNumber(locale, ratio * 100, maximumFractionDigits);
  return locale === 'vi' ? `${number} %` : `${number}%`;
}

/** 27/11/2026 in both locales (the form people in Viet Nam read), in the given time zone. */
export function formatDate(locale: Locale, instant: Date, timeZone: string): string {
  return dateTimeFormat('date', locale, timeZone).format(instant);
}

/** 17:00 27/11/2026: the time first, as Vietnamese notices write it. */
export function formatDateTime(locale: Locale, instant: Date, timeZone: string): string {
  const time = dateTimeFormat('time', locale, timeZone).format(instant);
  return `${time} ${formatDate(locale, instant, timeZone)}`;
}

/** A 'YYYY-MM-DD' date (a date answer) as dd/mm/yyyy, the same in both locales; anything else as it is. */
export function formatIsoDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}
