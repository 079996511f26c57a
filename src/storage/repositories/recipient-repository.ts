import type { NotificationTarget, RecipientDirectory, ReportingUnit } from '../../app/notification-ports.ts';
import type { OutboxChannel } from '../../app/outbox-ports.ts';
import type { PrismaClient } from '../database.ts';

/** Channels the outbox delivers to, in the order tried when the contact's last channel is unusable. */
const OUTBOX_CHANNELS: readonly OutboxChannel[] = ['telegram', 'zalo'];

interface ContactShape {
  id: number;
  name: string;
  locale: string;
  awayUntil: Date | null;
  lastChannel: string | null;
  identities: Array<{ channel: string; chatId: string; unreachableAt: Date | null }>;
}

/**
 * Where a contact is reached: the channel they wrote from last when it is still reachable, else the
 * first reachable one. The terminal chat is never a destination for scheduled messages.
 */
export function chooseAddress(contact: Pick<ContactShape, 'lastChannel' | 'identities'>): NotificationTarget['address'] {
  const usable = contact.identities.filter((identity) => identity.unreachableAt === null && (OUTBOX_CHANNELS as readonly string[]).includes(identity.channel));
  const chosen = usable.find((identity) => identity.channel === contact.lastChannel) ?? OUTBOX_CHANNELS.map((channel) => usable.find((identity) => identity.channel === channel)).find(Boolean);
  return chosen ? { channel: chosen.channel as OutboxChannel, chatId: chosen.chatId } : null;
}

function toTarget(contact: ContactShape): NotificationTarget {
  return { contactId: contact.id, name: contact.name, locale: contact.locale === 'en' ? 'en' : 'vi', awayUntil: contact.awayUntil, address: chooseAddress(contact) };
}

const CONTACT_SELECT = {
  id: true,
  name: true,
  locale: true,
  awayUntil: true,
  lastChannel: true,
  identities: { select: { channel: true, chatId: true, unreachableAt: true } },
} as const;

/** The recipients of scheduled messages, read from roles, units and channel identities. */
export class RecipientRepository implements RecipientDirectory {
  constructor(private readonly prisma: PrismaClient) {}

  async reportingUnits(): Promise<ReportingUnit[]> {
    const roles = await this.prisma.role.findMany({
      where: { role: 'reporter', unit: { active: true }, contact: { active: true } },
      orderBy: [{ unitId: 'asc' }, { contactId: 'asc' }],
      select: { unit: { select: { id: true, name: true } }, contact: { select: CONTACT_SELECT } },
    });
    const units = new Map<number, ReportingUnit>();
    for (const role of roles) {
      const unit = units.get(role.unit.id) ?? { id: role.unit.id, name: role.unit.name, reporters: [] };
      unit.reporters.push(toTarget(role.contact));
      units.set(unit.id, unit);
    }
    return [...units.values()];
  }

  async submittedUnitIds(formId: string, periodKey: string): Promise<Set<number>> {
    const rows = await this.prisma.submission.findMany({ where: { formId, periodKey }, select: { unitId: true } });
    return new Set(rows.map((row) => row.unitId));
  }

  async supervisorsOf(unitIds: readonly number[]): Promise<Map<number, NotificationTarget[]>> {
    const result = new Map<number, NotificationTarget[]>();
    if (unitIds.length === 0) return result;
    const units = await this.prisma.unit.findMany({ select: { id: true, parentId: true } });
    const parentOf = new Map(units.map((unit) => [unit.id, unit.parentId]));
    const byUnit = new Map<number, NotificationTarget[]>();
    for (const role of await this.supervisorRoles()) {
      const list = byUnit.get(role.unitId) ?? [];
      list.push(toTarget(role.contact));
      byUnit.set(role.unitId, list);
    }
    for (const unitId of unitIds) {
      const seen = new Map<number, NotificationTarget>();
      let current: number | null | undefined = unitId;
      for (let depth = 0; current != null && depth < 64; depth += 1) {
        for (const target of byUnit.get(current) ?? []) if (!seen.has(target.contactId)) seen.set(target.contactId, target);
        current = parentOf.get(current);
      }
      result.set(unitId, [...seen.values()]);
    }
    return result;
  }

  async supervisors(): Promise<NotificationTarget[]> {
    const seen = new Map<number, NotificationTarget>();
    for (const role of await this.supervisorRoles()) if (!seen.has(role.contact.id)) seen.set(role.contact.id, toTarget(role.contact));
    return [...seen.values()];
  }

  private supervisorRoles() {
    return this.prisma.role.findMany({
      where: { role: 'supervisor', unit: { active: true }, contact: { active: true } },
      orderBy: [{ contactId: 'asc' }],
      select: { unitId: true, contact: { select: CONTACT_SELECT } },
    });
  }
}
