import { loadAllCatalogs, type Catalog } from './catalog.ts';
import { DEFAULT_LOCALE, type Locale } from '../domain/localized-text.ts';

export type MessageParams = Record<string, string | number | null | undefined>;

/** Turns a message key and its values into text in one locale. */
export type Translate = (key: string, params?: MessageParams) => string;

let catalogs: Record<Locale, Catalog> | undefined;

function allCatalogs(): Record<Locale, Catalog> {
  catalogs ??= loadAllCatalogs();
  return catalogs;
}

/**
 * Translates a key. A key missing in the locale falls back to Vietnamese, then to the key itself, so a
 * gap never crashes a conversation (the locale test keeps gaps from shipping).
 */
export function translate(locale: Locale, key: string, params: MessageParams = {}, escape?: (text: string) => string): string {
  const all = allCatalogs();
  const raw = all[locale].get(key) ?? all[DEFAULT_LOCALE].get(key) ?? key;
  // With markup, the template's own text ("<mã mời>") is escaped too; parameters arrive escaped already.
  const template = escape ? escape(raw) : raw;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** A translate function bound to one locale. */
export function translatorFor(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
