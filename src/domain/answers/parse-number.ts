/**
 * Reads numbers as people type them on phones, the Vietnamese way and the other way:
 * "1.234" / "1,234" / "1 234" (thousands in groups of 3), "1,5" / "1.5" (decimals),
 * "1.234,5" / "1,234.5", full-width digits, "+5", and trailing unit nouns ("12 người", "12%").
 * A multiplier or any other word after the number ("5 nghìn", "3k", "12 abc") makes the text no
 * number at all: dropping the word would store a value other than the one meant.
 *
 * Ambiguity rule: in an integer question a separator followed by groups of exactly three digits
 * is a thousands separator ("1.234" = 1234); in a decimal question a single "." or "," is the
 * decimal separator ("1.234" = 1.234), a repeated one or one followed by the other is grouping.
 * The confirmation step shows the value formatted, so a misread is visible to the reporter.
 */
import { normalizeInput } from '../text/normalize.ts';
import { classifyNumberSuffix, type NumberSuffix } from './number-words.ts';

const GROUPED = /^\d{1,3}(?:([., ])\d{3})(?:\1\d{3})*$/;

function integerDigits(part: string): string | undefined {
  if (/^\d+$/.test(part)) return part;
  if (GROUPED.test(part)) return part.replace(/[., ]/g, '');
  return undefined;
}

function splitNumber(text: string): { sign: number; digits: string; rest: string } | undefined {
  const match = /^([+-]?)\s*(\d[\d., ]*)(.*)$/.exec(text);
  if (!match) return undefined;
  let digits = (match[2] ?? '').trimEnd();
  const rest = (match[3] ?? '').trim();
  if (/\d/.test(rest)) return undefined;
  if (/\d[.,]$/.test(digits) && classifyNumberSuffix(rest).kind === 'none') digits = digits.slice(0, -1);
  return { sign: match[1] === '-' ? -1 : 1, digits, rest };
}

/** The number's text without what follows it, when what follows is nothing or a unit noun. */
function numberPart(text: string): { sign: number; digits: string } | undefined {
  const parts = splitNumber(normalizeInput(text));
  if (!parts) return undefined;
  const kind = classifyNumberSuffix(parts.rest).kind;
  return kind === 'none' || kind === 'unit' ? parts : undefined;
}

/** Reads an integer; undefined when the text is not one (including "1.5", "1,5" and "5 nghìn"). */
export function parseIntegerText(text: string): number | undefined {
  const parts = numberPart(text);
  if (!parts) return undefined;
  const digits = integerDigits(parts.digits);
  if (digits === undefined) return undefined;
  const value = parts.sign * Number(digits);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Reads a decimal number; undefined when the text is not one. */
export function parseDecimalText(text: string): number | undefined {
  const parts = numberPart(text);
  return parts ? decimalValue(parts) : undefined;
}

function decimalValue(parts: { sign: number; digits: string }): number | undefined {
  const { digits } = parts;
  if (/[., ]{2}/.test(digits)) return undefined;
  const marks = digits.replace(/[\d ]/g, '');
  let integerPart = digits;
  let fraction = '';
  if (marks.length > 0) {
    const last = marks[marks.length - 1] ?? '';
    const lastCount = marks.split(last).length - 1;
    const mixed = marks.includes('.') && marks.includes(',');
    if (mixed || lastCount === 1) {
      if (lastCount !== 1) return undefined;
      const at = digits.lastIndexOf(last);
      integerPart = digits.slice(0, at);
      fraction = digits.slice(at + 1);
      if (!/^\d+$/.test(fraction)) return undefined;
    }
  }
  const whole = integerDigits(integerPart);
  if (whole === undefined) return undefined;
  const value = parts.sign * Number(fraction ? `${whole}.${fraction}` : whole);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Why a text that starts like a number is not one: the word after it (a multiplier or an unknown
 * word) and, for a multiplier, the value it most likely meant ("5 nghìn" → 5000), so the refusal can
 * show the digits to type. Undefined when nothing follows the number, or only a unit noun.
 */
export function numberWordProblem(text: string): { suffix: Exclude<NumberSuffix, { kind: 'none' } | { kind: 'unit' }>; meant?: number } | undefined {
  const parts = splitNumber(normalizeInput(text));
  if (!parts) return undefined;
  const suffix = classifyNumberSuffix(parts.rest);
  if (suffix.kind === 'none' || suffix.kind === 'unit') return undefined;
  if (suffix.kind === 'unknown') return { suffix };
  const base = decimalValue(parts);
  const meant = base === undefined ? undefined : Number((base * suffix.factor).toPrecision(12));
  return { suffix, meant: meant !== undefined && Number.isSafeInteger(meant) ? meant : undefined };
}
