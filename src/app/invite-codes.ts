import { createHash, randomInt } from 'node:crypto';

/** Crockford's base32 letters: no I, L, O or U, so a code read aloud or typed on a phone is unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10;

/**
 * A new invitation code: 10 characters (50 bits) from a cryptographic source, short enough to type on
 * Zalo and, with attempts throttled, far too many to guess. Shown as "ABCDE-FGHJK".
 */
export function newInviteCode(): string {
  let code = '';
  for (let index = 0; index < CODE_LENGTH; index += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** "abcde fghjk", "ABCDE-FGHJK" and "abcdefghjk" are the same code; O and I typed by mistake count as 0 and 1. */
export function normalizeInviteCode(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`).test(compact) ? compact : null;
}

/** For display: two groups of five. */
export function formatInviteCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Only this hash is stored, so a copy of the database does not give away valid codes. */
export function hashInviteCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
