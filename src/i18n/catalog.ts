import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES, type Locale } from '../domain/localized-text.ts';

/** Flat map of message key ("namespace.key") to template, for one locale. */
export type Catalog = ReadonlyMap<string, string>;

const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales');

function flatten(prefix: string, value: unknown, into: Map<string, string>): void {
  if (typeof value === 'string') {
    into.set(prefix, value);
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(prefix ? `${prefix}.${key}` : key, child, into);
  }
}

/**
 * Reads `locales/<locale>/<namespace>.json` for one locale. Each file is a namespace, so that the parts
 * of the product keep their texts apart; the key of a text is "<namespace>.<key>".
 */
export function loadCatalog(locale: Locale, dir: string = LOCALES_DIR): Catalog {
  const catalog = new Map<string, string>();
  const folder = join(dir, locale);
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
    const namespace = file.slice(0, -'.json'.length);
    flatten(namespace, JSON.parse(readFileSync(join(folder, file), 'utf8')), catalog);
  }
  return catalog;
}

/** Loads every supported locale. */
export function loadAllCatalogs(dir: string = LOCALES_DIR): Record<Locale, Catalog> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, loadCatalog(locale, dir)])) as Record<
    Locale,
    Catalog
  >;
}

/** The placeholders a template uses, e.g. "{unit}" → "unit". */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string).sort();
}
