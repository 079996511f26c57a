/**
 * The words people type after a number. A unit noun ("12 người", "3 cuộc", "12%") names what is
 * counted and may be dropped; a multiplier ("5 nghìn", "2 triệu", "3k") changes the value, and any
 * other word may too, so neither is ever dropped silently: the answer is refused with an example of
 * the number written in digits.
 */
import { foldForMatch } from '../text/normalize.ts';

/** Nouns of what a form's questions count, folded (no diacritics, lower case), Vietnamese and English. */
const UNIT_NOUNS = new Set([
  'nguoi', 'dang vien', 'dv', 'chi bo', 'to chuc', 'to chuc dang', 'tcd', 'tccsd', 'co so dang', 'dang bo',
  'cuoc', 'cuoc kiem tra', 'cuoc giam sat', 'lan', 'vu', 'vu viec', 'truong hop', 'th', 'dong chi', 'd/c', 'dc',
  'ho', 'thon', 'to', 'to dan pho', 'khu pho', 'ap', 'ban', 'don vi', 'co quan', 'hoi nghi', 'buoi', 'ngay',
  '%', 'phan tram',
  'people', 'person', 'persons', 'member', 'members', 'case', 'cases', 'time', 'times', 'unit', 'units',
  'cell', 'cells', 'organisation', 'organisations', 'organization', 'organizations', 'meeting', 'meetings',
  'inspection', 'inspections', 'day', 'days', 'percent', 'pct',
]);

/** Multiplier words and abbreviations, folded, with their factor. */
const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['chuc', 10], ['tram', 100], ['nghin', 1e3], ['ngan', 1e3], ['ng', 1e3], ['k', 1e3], ['van', 1e4],
  ['trieu', 1e6], ['tr', 1e6], ['ty', 1e9], ['ti', 1e9],
  ['hundred', 100], ['hundreds', 100], ['thousand', 1e3], ['thousands', 1e3], ['grand', 1e3],
  ['million', 1e6], ['millions', 1e6], ['m', 1e6], ['mn', 1e6], ['mio', 1e6], ['mil', 1e6],
  ['billion', 1e9], ['billions', 1e9], ['bn', 1e9], ['b', 1e9],
]);

/** What follows a number: nothing, a unit noun, a multiplier (with its factor) or an unknown word. */
export type NumberSuffix =
  | { kind: 'none' }
  | { kind: 'unit' }
  | { kind: 'multiplier'; word: string; factor: number }
  | { kind: 'unknown'; word: string };

/** Longest word echoed back in a refusal: enough to recognise it, never a wall of text. */
const ECHO_LIMIT = 30;

/** Classifies the text after a number ("người", "nghìn người", "k", "abc"). */
export function classifyNumberSuffix(rest: string): NumberSuffix {
  const trimmed = rest.replace(/[\s.!;:)]+$/u, '').trim();
  if (trimmed === '') return { kind: 'none' };
  if (UNIT_NOUNS.has(foldForMatch(trimmed)) || trimmed === '%') return { kind: 'unit' };
  const words = trimmed.split(/\s+/u);
  for (const word of words) {
    const factor = MULTIPLIERS.get(foldForMatch(word));
    if (factor !== undefined) return { kind: 'multiplier', word: echo(word), factor };
  }
  return { kind: 'unknown', word: echo(trimmed) };
}

function echo(word: string): string {
  return Array.from(word).length > ECHO_LIMIT ? `${Array.from(word).slice(0, ECHO_LIMIT - 1).join('')}…` : word;
}
