import type { ContactRecord } from '../../app/ports.ts';
import type { RoleName } from '../../domain/organisation/vocabulary.ts';
import type { Locale } from '../../domain/index.ts';
import type { PrismaClient } from '../database.ts';

const CONTACT_INCLUDE = { roles: { include: { unit: true } } } as const;

type ContactRow = {
  id: number;
  name: string;
  locale: string;
  roles: Array<{ role: string; unitId: number; unit: { code: string; name: string; active: boolean } }>;
};

/** A contact row with its roles, as the app sees it; roles on deactivated units are left out. */
export function toContactRecord(row: ContactRow): ContactRecord {
  return {
    id: row.id,
    name: row.name,
    locale: (row.locale === 'en' ? 'en' : 'vi') as Locale,
    roles: row.roles
      .filter((role) => role.unit.active)
      .map((role) => ({ role: role.role as RoleName, unitId: role.unitId, unitCode: role.unit.code, unitName: role.unit.name })),
  };
}

/** Contacts by id, through Prisma (the inbound pipeline finds them by account through its own store). */
export class ContactRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findById(id: number): Promise<ContactRecord | null> {
    const row = await this.prisma.contact.findUnique({ where: { id }, include: CONTACT_INCLUDE });
    return row && row.active ? toContactRecord(row) : null;
  }
}
