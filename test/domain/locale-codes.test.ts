import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ANSWER_CODES, FORM_CODES } from '../../src/domain/messages.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LANGS = ['vi', 'en'] as const;
const FILES = { answers: ANSWER_CODES, forms: FORM_CODES } as const;

function catalog(lang: string, file: string): Record<string, string> {
  return JSON.parse(readFileSync(join(ROOT, 'locales', lang, `${file}.json`), 'utf8')) as Record<string, string>;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('domain message codes and locale files', () => {
  for (const [file, codes] of Object.entries(FILES)) {
    for (const lang of LANGS) {
      it(`every ${file}.* code has a ${lang} message and nothing else is there`, () => {
        const keys = Object.keys(catalog(lang, file)).map((key) => `${file}.${key}`).sort();
        expect(keys).toEqual([...codes].sort());
      });
    }

    it(`${file}.json has the same keys and placeholders in Vietnamese and English`, () => {
      const vi = catalog('vi', file);
      const en = catalog('en', file);
      expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
      for (const key of Object.keys(vi)) {
        expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(vi[key] ?? ''));
        expect(vi[key]?.trim(), key).toBeTruthy();
      }
    });
  }

  it('every code written in the domain sources is a listed code', () => {
    const listed = new Set<string>([...ANSWER_CODES, ...FORM_CODES]);
    const found = new Set<string>();
    for (const path of sourceFiles(join(ROOT, 'src', 'domain'))) {
      for (const match of readFileSync(path, 'utf8').matchAll(/'((?:answers|forms)\.[a-z_]+)'/g)) found.add(match[1] ?? '');
    }
    expect(found.size).toBeGreaterThan(20);
    expect([...found].filter((code) => !listed.has(code))).toEqual([]);
  });

  it('messages shown to reporters are short', () => {
    for (const [key, text] of Object.entries(catalog('vi', 'answers'))) expect(text.length, key).toBeLessThan(120);
  });
});
