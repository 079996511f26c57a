import type { RoleName } from '../../domain/organisation/vocabulary.ts';
import type { ContactInput } from './contact-rows.ts';
import type { ImportSummary } from './unit-import-plan.ts';

/** A stored contact as the import compares it, with its roles by unit code. */
export interface StoredContact {
  id: number;
  externalKey: string | null;
  name: string;
  phone: string | null;
  telegramUsername: string | null;
  active: boolean;
  roles: Array<{ unitCode: string; role: RoleName }>;
}

/** The fields an import may change on a contact. */
export interface ContactState {
  externalKey: string;
  name: string;
  phone: string | null;
  telegramUsername: string | null;
  active: boolean;
}

/** What importing a contacts file will do, computed before anything is written. */
export interface ContactImportPlan {
  create: ContactInput[];
  update: Array<{ id: number; key: string; before: ContactState; after: ContactState; addRoles: ContactInput['roles'] }>;
  unchanged: number;
}

/**
 * Compares the file with the stored contacts. A person is found by their key, or, when the file now
 * gives a phone, by the name key they had without one (the key then moves to the phone). Roles are only
 * added, never taken away, and contacts left out of the file stay as they are: taking someone off is
 * the explicit `contacts deactivate`.
 */
export function planContactImport(contacts: ContactInput[], stored: StoredContact[]): ContactImportPlan {
  const byKey = new Map(stored.filter((row) => row.externalKey !== null).map((row) => [row.externalKey as string, row]));
  const plan: ContactImportPlan = { create: [], update: [], unchanged: 0 };
  const claimed = new Set<number>();
  // A name key someone in the file still uses stays theirs: it is not moved to a phone.
  const fileKeys = new Set(contacts.map((contact) => contact.key));
  for (const contact of contacts) {
    let current = byKey.get(contact.key);
    if (!current && contact.phone && !fileKeys.has(contact.nameKey)) {
      const byName = byKey.get(contact.nameKey);
      if (byName && !claimed.has(byName.id)) current = byName;
    }
    if (!current || claimed.has(current.id)) {
      plan.create.push(contact);
      continue;
    }
    claimed.add(current.id);
    const before: ContactState = {
      externalKey: current.externalKey ?? '',
      name: current.name,
      phone: current.phone,
      telegramUsername: current.telegramUsername,
      active: current.active,
    };
    const after: ContactState = {
      externalKey: contact.key,
      name: contact.name,
      phone: contact.phone ?? current.phone,
      telegramUsername: contact.telegramUsername === undefined ? current.telegramUsername : contact.telegramUsername,
      active: true,
    };
    const have = new Set(current.roles.map((role) => `${role.unitCode}|${role.role}`));
    const addRoles = contact.roles.filter((role) => !have.has(`${role.unitCode}|${role.role}`));
    const same = (Object.keys(before) as Array<keyof ContactState>).every((field) => before[field] === after[field]);
    if (same && addRoles.length === 0) plan.unchanged += 1;
    else plan.update.push({ id: current.id, key: contact.key, before, after, addRoles });
  }
  return plan;
}

/** The summary of a plan; contacts are never deactivated by an import. */
export function summarizeContactPlan(plan: ContactImportPlan): ImportSummary {
  return { added: plan.create.length, updated: plan.update.length, deactivated: 0, unchanged: plan.unchanged };
}
