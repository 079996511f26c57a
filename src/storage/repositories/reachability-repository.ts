import type { PrismaClient } from '../database.ts';

/** A contact the bot could not reach on a channel (blocked, deactivated), for the supervisors' digest. */
export interface UnreachableContact {
  contactId: number;
  name: string;
  unitId: number;
  unitName: string;
  role: string;
  channel: string;
  reason: string;
  since: Date;
}

/**
 * Which contacts of some units cannot be reached on a channel. The outbox sender marks an identity
 * unreachable when the platform says the bot was blocked or the account is gone; the digest tells
 * the unit's supervisors with this query. Writing to the bot again clears the mark.
 */
export class ReachabilityRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async unreachableContacts(unitIds: readonly number[]): Promise<UnreachableContact[]> {
    if (unitIds.length === 0) return [];
    const roles = await this.prisma.role.findMany({
      where: { unitId: { in: [...unitIds] }, contact: { active: true, identities: { some: { unreachableAt: { not: null } } } } },
      orderBy: [{ unitId: 'asc' }, { contactId: 'asc' }],
      select: {
        role: true,
        unit: { select: { id: true, name: true } },
        contact: { select: { id: true, name: true, identities: { where: { unreachableAt: { not: null } }, select: { channel: true, unreachableAt: true, unreachableReason: true } } } },
      },
    });
    return roles.flatMap((role) =>
      role.contact.identities.map((identity) => ({
        contactId: role.contact.id,
        name: role.contact.name,
        unitId: role.unit.id,
        unitName: role.unit.name,
        role: role.role,
        channel: identity.channel,
        reason: identity.unreachableReason ?? 'unknown',
        since: identity.unreachableAt ?? new Date(0),
      })),
    );
  }
}
