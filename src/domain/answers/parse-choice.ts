/**
 * Reads a choice the way people answer on a phone: the option's number as shown (1-based),
 * its label or its name, ignoring case, diacritics (đ → d) and extra spaces. A yes/no list
 * (choices named exactly `yes` and `no`) also understands có/co/c/không/khong/ko/k/đúng/sai/y/n.
 */
import type { Choice } from '../forms/form-types.ts';
import { foldForMatch, normalizeInput } from '../text/normalize.ts';
import { refuse } from './answer-value.ts';
import type { AnswerResult } from './answer-value.ts';

const YES_WORDS = new Set(['co', 'c', 'yes', 'y', 'dung', 'vang', 'ok', 'co a', 'true']);
const NO_WORDS = new Set(['khong', 'ko', 'k', 'kg', 'khg', 'no', 'n', 'sai', 'false', 'khong a']);

/** True for a list whose choices are exactly `yes` and `no`. */
export function isYesNoList(choices: readonly Choice[]): boolean {
  const names = choices.map((c) => c.name).sort();
  return names.length === 2 && names[0] === 'no' && names[1] === 'yes';
}

/** Finds one choice by number, label (any locale) or name; undefined when nothing matches. */
export function matchChoice(choices: readonly Choice[], text: string): Choice | undefined {
  const folded = foldForMatch(text);
  if (folded === '') return undefined;
  if (/^\d+$/.test(folded)) {
    const position = Number(folded);
    return position >= 1 ? choices[position - 1] : undefined;
  }
  const byLabel = choices.find((c) => Object.values(c.label).some((label) => label !== undefined && foldForMatch(label) === folded));
  if (byLabel) return byLabel;
  const byName = choices.find((c) => foldForMatch(c.name) === folded);
  if (byName) return byName;
  if (isYesNoList(choices)) {
    if (YES_WORDS.has(folded)) return choices.find((c) => c.name === 'yes');
    if (NO_WORDS.has(folded)) return choices.find((c) => c.name === 'no');
  }
  return undefined;
}

/** Reads a select_one answer; refuses with the valid range. */
export function parseSelectOne(choices: readonly Choice[], text: string): AnswerResult {
  const choice = matchChoice(choices, text);
  if (choice) return { ok: true, value: choice.name };
  if (isYesNoList(choices)) return refuse('answers.not_yes_no', { value: normalizeInput(text) });
  return refuse('answers.unknown_choice', { value: normalizeInput(text), max: choices.length });
}

/**
 * Reads a select_multiple answer: "1, 3", "1 3", "1;3", or labels separated by commas or
 * semicolons. Duplicates are dropped; the result follows the list's order.
 */
export function parseSelectMultiple(choices: readonly Choice[], text: string): AnswerResult {
  const cleaned = normalizeInput(text);
  const parts = /^\d+(?:[\s,;]+\d+)*$/.test(cleaned) ? cleaned.split(/[\s,;]+/) : cleaned.split(/[,;]+/);
  const picked = new Set<string>();
  for (const part of parts.map((p) => p.trim()).filter((p) => p !== '')) {
    const choice = matchChoice(choices, part);
    if (!choice) return refuse('answers.unknown_choice', { value: part, max: choices.length });
    picked.add(choice.name);
  }
  if (picked.size === 0) return refuse('answers.empty');
  return { ok: true, value: choices.filter((c) => picked.has(c.name)).map((c) => c.name) };
}
