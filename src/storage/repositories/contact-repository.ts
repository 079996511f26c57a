import type { ChannelName, ContactDirectory, ContactRecord, RoleName, SenderIdentity } from '../../app/ports.ts';
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

/** Contacts and their channel identities, through Prisma. */
export class ContactRepository implements ContactDirectory {
  constructor(private readonly prisma: PrismaClient) {}

  async findByIdentity(channel: ChannelName, userId: string): Promise<ContactRecord | null> {
    const identity = await this.prisma.channelIdentity.findUnique({
      where: { channel_userId: { channel, userId } },
      include: { contact: { include: CONTACT_INCLUDE } },
    });
    if (!identity || !identity.contact.active) return null;
    return toContactRecord(identity.contact);
  }

  async findById(id: number): Promise<ContactRecord | null> {
    const row = await this.prisma.contact.findUnique({ where: { id }, include: CONTACT_INCLUDE });
    return row && row.active ? toContactRecord(row) : null;
  }

  async touch(contactId: number, identity: SenderIdentity, now: Date): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.channelIdentity.update({
        where: { channel_userId: { channel: identity.channel, userId: identity.userId } },
        data: { chatId: identity.chatId, lastSeenAt: now, unreachableAt: null, unreachableReason: null },
      }),
      this.prisma.contact.update({ where: { id: contactId }, data: { lastChannel: identity.channel } }),
    ]);
  }
}
