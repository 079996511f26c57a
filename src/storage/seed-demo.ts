import { CONSOLE_USER_ID } from '../app/ports.ts';
import type { PrismaClient } from './database.ts';
import { DEMO_CONTACTS, DEMO_UNITS } from './demo-province.ts';

export interface SeedReport {
  units: number;
  contacts: number;
  created: number;
}

/**
 * Loads the demo province. Idempotent: units are keyed by code and contacts by their external key, and
 * everything is written with upserts inside one transaction, so running it twice leaves the same rows.
 */
export async function seedDemoProvince(prisma: PrismaClient): Promise<SeedReport> {
  const unitsBefore = await prisma.unit.count();
  const contactsBefore = await prisma.contact.count();
  await prisma.$transaction(async (tx) => {
    const ids = new Map<string, number>();
    for (const unit of DEMO_UNITS) {
      const parentId = unit.parent ? ids.get(unit.parent) ?? null : null;
      const row = await tx.unit.upsert({
        where: { code: unit.code },
        create: { code: unit.code, name: unit.name, kind: unit.kind, parentId },
        update: { name: unit.name, kind: unit.kind, parentId, active: true },
      });
      ids.set(unit.code, row.id);
    }
    for (const contact of DEMO_CONTACTS) {
      const row = await tx.contact.upsert({
        where: { externalKey: contact.key },
        create: { externalKey: contact.key, name: contact.name, phone: contact.phone, locale: contact.locale },
        update: { name: contact.name, phone: contact.phone },
      });
      for (const role of contact.roles) {
        const unitId = ids.get(role.unit);
        if (unitId === undefined) continue;
        await tx.role.upsert({
          where: { contactId_unitId_role: { contactId: row.id, unitId, role: role.role } },
          create: { contactId: row.id, unitId, role: role.role },
          update: {},
        });
      }
      if (contact.console) {
        await tx.channelIdentity.upsert({
          where: { channel_userId: { channel: 'console', userId: CONSOLE_USER_ID } },
          create: { contactId: row.id, channel: 'console', userId: CONSOLE_USER_ID, chatId: CONSOLE_USER_ID, displayName: contact.name },
          update: {},
        });
      }
    }
  });
  const units = await prisma.unit.count();
  const contacts = await prisma.contact.count();
  return { units, contacts, created: units - unitsBefore + (contacts - contactsBefore) };
}
