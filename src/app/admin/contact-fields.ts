import { normalizeInput } from '../../domain/text/normalize.ts';

/**
 * A Vietnamese phone number in one canonical form, "0" and 9 or 10 digits: spaces, dots, dashes and
 * brackets are dropped, +84/84 becomes 0, and the leading 0 Excel strips from a number cell is put back.
 * Null when what is left is not a phone number.
 */
export function normalizePhone(text: string): string | null {
  const compact = normalizeInput(text).replace(/[\s.\-()/]/g, '');
  let digits = compact.startsWith('+') ? compact.slice(1) : compact;
  if (!/^\d+$/.test(digits)) return null;
  if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) digits = `0${digits.slice(2)}`;
  if (/^[1-9]\d{8}$/.test(digits)) digits = `0${digits}`;
  return /^0\d{9,10}$/.test(digits) ? digits : null;
}

/** A Telegram username without its "@" (5–32 letters, digits, underscores), or null when it cannot be one. */
export function normalizeTelegramUsername(text: string): string | null {
  const bare = text.trim().replace(/^@/, '').replace(/^https?:\/\/t\.me\//i, '');
  return /^[A-Za-z][A-Za-z0-9_]{4,31}$/.test(bare) ? bare : null;
}

/** A person's name as stored: single spaces, NFC. */
export function cleanName(text: string): string {
  return normalizeInput(text).normalize('NFC');
}

/**
 * The stable key a roster contact is stored under (Contact.externalKey), so a re-import updates the
 * same person: `phone:<normalised phone>` when the row has a phone, otherwise
 * `name:<unit code>:<name in lower case>` (diacritics kept: "Hà" and "Hạ" are different people).
 */
export function contactKey(input: { phone: string | null; unitCode: string; name: string }): string {
  if (input.phone) return `phone:${input.phone}`;
  return nameKey(input.unitCode, input.name);
}

/** The name-based key, also used to find a contact first imported without a phone. */
export function nameKey(unitCode: string, name: string): string {
  return `name:${unitCode}:${cleanName(name).toLocaleLowerCase('vi')}`;
}
