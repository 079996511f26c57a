import type { RoleName } from '../../domain/organisation/vocabulary.ts';
import { CONTACT_COLUMNS, type ContactField } from './column-spec.ts';
import { cleanName, contactKey, nameKey, normalizePhone, normalizeTelegramUsername } from './contact-fields.ts';
import { cellOf, headerOf, mapHeader } from './header-mapping.ts';
import { problem, type ImportProblem } from './import-problem.ts';
import type { ImportTable } from './import-table.ts';
import { parseRole } from '../../domain/organisation/vocabulary.ts';

/** One person of a contacts file: the rows naming the same key are merged, each adding a role. */
export interface ContactInput {
  key: string;
  /** The key the person would have had without a phone, to find a contact first imported without one. */
  nameKey: string;
  line: number;
  name: string;
  phone: string | null;
  /** Undefined when the file has no Telegram column: the stored value is then left alone. */
  telegramUsername: string | null | undefined;
  roles: Array<{ unitCode: string; role: RoleName }>;
}

/**
 * Checks every row of a contacts file against the stored units (a contact's unit must exist and be
 * active) and merges rows of the same person. Returns the people found and every problem.
 */
export function readContactRows(table: ImportTable, activeUnitCodes: ReadonlySet<string>): { contacts: ContactInput[]; problems: ImportProblem[] } {
  const { map, problems } = mapHeader(table, CONTACT_COLUMNS);
  if (problems.length > 0) return { contacts: [], problems };
  const byKey = new Map<string, ContactInput>();
  const roleLines = new Map<string, number>();
  for (const row of table.rows) {
    const before = problems.length;
    const at = (field: ContactField, code: string, params: Record<string, string | number> = {}) =>
      problems.push(problem(row.line, headerOf(map, field), code, params));
    const name = cleanName(cellOf(row, map, 'name'));
    const unitCode = cellOf(row, map, 'unit_code');
    const roleText = cellOf(row, map, 'role');
    const phoneText = cellOf(row, map, 'phone');
    const telegramText = cellOf(row, map, 'telegram');
    if (name === '') at('name', 'empty_cell');
    if (unitCode === '') at('unit_code', 'empty_cell');
    else if (!activeUnitCodes.has(unitCode)) at('unit_code', 'unknown_unit', { value: unitCode });
    const role = parseRole(roleText);
    if (roleText === '') at('role', 'empty_cell');
    else if (!role) at('role', 'bad_role', { value: roleText });
    const phone = phoneText === '' ? null : normalizePhone(phoneText);
    if (phoneText !== '' && !phone) at('phone', 'bad_phone', { value: phoneText });
    const telegram = telegramText === '' ? null : normalizeTelegramUsername(telegramText);
    if (telegramText !== '' && !telegram) at('telegram', 'bad_telegram', { value: telegramText });
    if (problems.length > before || !role) continue;

    const key = contactKey({ phone, unitCode, name });
    const existing = byKey.get(key);
    if (existing && existing.name.toLocaleLowerCase('vi') !== name.toLocaleLowerCase('vi')) {
      at('name', 'contact_conflict', { first: existing.line, other: existing.name });
      continue;
    }
    const roleId = `${key}|${unitCode}|${role}`;
    const first = roleLines.get(roleId);
    if (first !== undefined) {
      at('role', 'duplicate_contact', { first });
      continue;
    }
    roleLines.set(roleId, row.line);
    const telegramUsername = map.telegram ? telegram : undefined;
    if (existing) {
      existing.roles.push({ unitCode, role });
      if (existing.telegramUsername === null && telegramUsername) existing.telegramUsername = telegramUsername;
    } else {
      byKey.set(key, { key, nameKey: nameKey(unitCode, name), line: row.line, name, phone, telegramUsername, roles: [{ unitCode, role }] });
    }
  }
  return { contacts: [...byKey.values()], problems };
}
