import type { ContactImportPlan, StoredContact } from '../../app/admin/contact-import-plan.ts';
import type { ContactImportStore } from '../../app/admin/import-contacts.ts';
import type { ChannelName } from '../../app/ports.ts';
import type { RoleName } from '../../domain/organisation/vocabulary.ts';
import type { Locale } from '../../domain/localized-text.ts';
import type { PrismaClient } from '../database.ts';
import { writeAudit, type AuditEntry } from './audit-repository.ts';
import { batches } from './batches.ts';

/** A contact as `contacts list` shows it: roles, and how the bot can reach them. */
export interface ContactListRow {
  id: number;
  externalKey: string | null;
  name: string;
  phone: string | null;
  telegramUsername: string | null;
  active: boolean;
  roles: Array<{ unit: string; role: RoleName }>;
  channels: { telegram: boolean; zalo: boolean; unreachable: string[] };
}

/** The outcome of `contacts deactivate`. */
export type DeactivateResult = { found: false } | { found: true; changed: boolean; id: number; externalKey: string | null; name: string };

const TRANSACTION = { timeout: 120_000, maxWait: 10_000 };

/** Contacts for administration: the import's reads and batched writes, listing, deactivation. */
export class ContactAdminRepository implements ContactImportStore {
  constructor(private readonly prisma: PrismaClient) {}

  async activeUnitCodes(): Promise<Set<string>> {
    const rows = await this.prisma.unit.findMany({ where: { active: true }, select: { code: true } });
    return new Set(rows.map((row) => row.code));
  }

  async contactsByKeys(keys: string[]): Promise<StoredContact[]> {
    const out: StoredContact[] = [];
    for (const batch of batches(keys)) {
      const rows = await this.prisma.contact.findMany({ where: { externalKey: { in: batch } }, include: { roles: { include: { unit: { select: { code: true } } } } } });
      for (const row of rows) {
        out.push({
          id: row.id,
          externalKey: row.externalKey,
          name: row.name,
          phone: row.phone,
          telegramUsername: row.telegramUsername,
          active: row.active,
          roles: row.roles.map((role) => ({ unitCode: role.unit.code, role: role.role as RoleName })),
        });
      }
    }
    return out;
  }

  /** Writes an import in one transaction: new contacts and their roles as multi-row inserts, changes one by one, then the audit. */
  async applyContactPlan(plan: ContactImportPlan, meta: { actor: string; file: string; locale: Locale }, onProgress: (done: number) => void): Promise<void> {
    const at = new Date();
    await this.prisma.$transaction(async (tx) => {
      const unitIds = new Map((await tx.unit.findMany({ select: { id: true, code: true } })).map((row) => [row.code, row.id]));
      const roleRows = (contactId: number, roles: Array<{ unitCode: string; role: RoleName }>) =>
        roles.flatMap((role) => {
          const unitId = unitIds.get(role.unitCode);
          return unitId === undefined ? [] : [{ contactId, unitId, role: role.role }];
        });
      const entries: AuditEntry[] = [];
      let done = 0;
      for (const batch of batches(plan.create)) {
        await tx.contact.createMany({
          data: batch.map((contact) => ({ externalKey: contact.key, name: contact.name, phone: contact.phone, telegramUsername: contact.telegramUsername ?? null, locale: meta.locale })),
        });
        const created = await tx.contact.findMany({ where: { externalKey: { in: batch.map((contact) => contact.key) } }, select: { id: true, externalKey: true } });
        const idOf = new Map(created.map((row) => [row.externalKey, row.id]));
        const roles = batch.flatMap((contact) => roleRows(idOf.get(contact.key) ?? 0, contact.roles));
        await tx.role.createMany({ data: roles });
        for (const contact of batch) {
          entries.push({ actor: meta.actor, action: 'contact.create', entity: 'Contact', entityId: idOf.get(contact.key), detail: { key: contact.key, name: contact.name, roles: contact.roles } });
        }
        onProgress((done += batch.length));
      }
      for (const change of plan.update) {
        const { externalKey, name, phone, telegramUsername } = change.after;
        await tx.contact.update({ where: { id: change.id }, data: { externalKey, name, phone, telegramUsername, active: true } });
        if (change.addRoles.length > 0) await tx.role.createMany({ data: roleRows(change.id, change.addRoles) });
        entries.push({ actor: meta.actor, action: 'contact.update', entity: 'Contact', entityId: change.id, detail: { before: change.before, after: change.after, addedRoles: change.addRoles } });
        onProgress((done += 1));
      }
      entries.push({ actor: meta.actor, action: 'contacts.import', entity: 'Contact', detail: { file: meta.file, added: plan.create.length, updated: plan.update.length, unchanged: plan.unchanged } });
      await writeAudit(tx, entries, at);
    }, TRANSACTION);
  }

  /** Contacts with their roles and channels; by unit code and role when asked, active ones unless `all`. */
  async list(filter: { unitCode?: string; role?: RoleName; all?: boolean } = {}): Promise<ContactListRow[]> {
    const roleFilter = { ...(filter.unitCode ? { unit: { code: filter.unitCode } } : {}), ...(filter.role ? { role: filter.role } : {}) };
    const rows = await this.prisma.contact.findMany({
      where: { ...(filter.all ? {} : { active: true }), ...(filter.unitCode || filter.role ? { roles: { some: roleFilter } } : {}) },
      include: { roles: { include: { unit: { select: { code: true } } }, orderBy: { id: 'asc' } }, identities: true },
      orderBy: { id: 'asc' },
    });
    return rows.map((row) => ({
      id: row.id,
      externalKey: row.externalKey,
      name: row.name,
      phone: row.phone,
      telegramUsername: row.telegramUsername,
      active: row.active,
      roles: row.roles.map((role) => ({ unit: role.unit.code, role: role.role as RoleName })),
      channels: {
        telegram: row.identities.some((identity) => identity.channel === 'telegram'),
        zalo: row.identities.some((identity) => identity.channel === 'zalo'),
        unreachable: row.identities.filter((identity) => identity.unreachableAt !== null).map((identity) => identity.channel),
      },
    }));
  }

  /** The channel the contact wrote from last, to know whether a Telegram link can be offered. */
  async lastChannel(contactId: number): Promise<ChannelName | null> {
    const row = await this.prisma.contact.findUnique({ where: { id: contactId }, select: { lastChannel: true } });
    return (row?.lastChannel as ChannelName | null | undefined) ?? null;
  }

  /**
   * Takes a contact off the roster by id or external key: inactive contacts get no reminders and the bot
   * no longer answers them as registered; their reports and history stay. Audited when it changes anything.
   */
  async deactivate(idOrKey: string, actor: string): Promise<DeactivateResult> {
    return this.prisma.$transaction(async (tx) => {
      const byId = /^\d+$/.test(idOrKey) ? await tx.contact.findUnique({ where: { id: Number(idOrKey) } }) : null;
      const row = byId ?? (await tx.contact.findUnique({ where: { externalKey: idOrKey } }));
      if (!row) return { found: false } as const;
      const result = { found: true, id: row.id, externalKey: row.externalKey, name: row.name } as const;
      if (!row.active) return { ...result, changed: false };
      await tx.contact.update({ where: { id: row.id }, data: { active: false } });
      await writeAudit(tx, [{ actor, action: 'contact.deactivate', entity: 'Contact', entityId: row.id, detail: { key: row.externalKey, name: row.name } }], new Date());
      return { ...result, changed: true };
    });
  }
}
