import type { PrismaClient } from '../database.ts';

/** A contact's "away until" setting (Contact.awayUntil): reminders pause until that instant. */
export class ContactAwayRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async awayUntil(contactId: number): Promise<Date | null> {
    const row = await this.prisma.contact.findUnique({ where: { id: contactId }, select: { awayUntil: true } });
    return row?.awayUntil ?? null;
  }

  async setAwayUntil(contactId: number, until: Date | null): Promise<void> {
    await this.prisma.contact.update({ where: { id: contactId }, data: { awayUntil: until } });
  }
}
