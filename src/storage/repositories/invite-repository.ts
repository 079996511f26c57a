import type { InviteStore, RedeemResult, SenderIdentity } from '../../app/ports.ts';
import type { RoleName } from '../../domain/organisation/vocabulary.ts';
import type { PrismaClient } from '../database.ts';
import { toContactRecord } from './contact-repository.ts';

/** An invitation as admins list it; never the code, which is not stored. */
export interface InviteRow {
  id: number;
  unitCode: string;
  unitName: string;
  role: RoleName;
  status: 'open' | 'used' | 'expired' | 'revoked';
  expiresAt: Date;
  createdAt: Date;
  usedAt: Date | null;
  createdBy: string;
}

/** Invitations through Prisma: created by admins, redeemed once by a messenger account. */
export class InviteRepository implements InviteStore {
  constructor(private readonly prisma: PrismaClient) {}

  async create(input: { codeHash: string; unitId: number; role: RoleName; expiresAt: Date; createdBy: string; contactId?: number }): Promise<number> {
    const row = await this.prisma.$transaction(async (tx) => {
      const invite = await tx.invite.create({ data: input });
      await tx.auditLog.create({
        data: { actor: input.createdBy, action: 'invite.create', entity: 'Invite', entityId: String(invite.id), detail: JSON.stringify({ unitId: input.unitId, role: input.role }) },
      });
      return invite;
    });
    return row.id;
  }

  async list(filter: { unitId?: number } = {}, now = new Date()): Promise<InviteRow[]> {
    const rows = await this.prisma.invite.findMany({ where: filter.unitId ? { unitId: filter.unitId } : {}, include: { unit: true }, orderBy: { id: 'asc' } });
    return rows.map((row) => ({
      id: row.id,
      unitCode: row.unit.code,
      unitName: row.unit.name,
      role: row.role as RoleName,
      status: row.revokedAt ? 'revoked' : row.usedAt ? 'used' : row.expiresAt <= now ? 'expired' : 'open',
      expiresAt: row.expiresAt,
      createdAt: row.createdAt,
      usedAt: row.usedAt,
      createdBy: row.createdBy,
    }));
  }

  /** Withdraws an unused invitation; false when there is none to withdraw. */
  async revoke(id: number, actor: string, now = new Date()): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.invite.updateMany({ where: { id, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
      if (count) await tx.auditLog.create({ data: { actor, action: 'invite.revoke', entity: 'Invite', entityId: String(id), at: now } });
      return count === 1;
    });
  }

  async redeem(codeHash: string, identity: SenderIdentity, existingContactId: number | null, now: Date): Promise<RedeemResult> {
    return this.prisma.$transaction(async (tx) => {
      const invite = await tx.invite.findUnique({ where: { codeHash }, include: { unit: true } });
      if (!invite || !invite.unit.active) return { ok: false, reason: 'unknown' } as const;
      if (invite.revokedAt) return { ok: false, reason: 'revoked' } as const;
      if (invite.usedAt) return { ok: false, reason: 'used' } as const;
      if (invite.expiresAt <= now) return { ok: false, reason: 'expired' } as const;
      // The conditional update is the claim: of two simultaneous redemptions, only one changes the row.
      const claimed = await tx.invite.updateMany({ where: { id: invite.id, usedAt: null, revokedAt: null }, data: { usedAt: now } });
      if (claimed.count !== 1) return { ok: false, reason: 'used' } as const;

      // The account may belong to a contact who was deactivated: a new invitation brings that person back.
      const known =
        existingContactId === null
          ? await tx.channelIdentity.findUnique({ where: { channel_userId: { channel: identity.channel, userId: identity.userId } }, include: { contact: { select: { active: true } } } })
          : null;
      const returning = known && !known.contact.active ? known.contactId : null;
      const contactId =
        existingContactId ??
        invite.contactId ??
        returning ??
        (await tx.contact.create({ data: { name: identity.displayName?.trim() || `${invite.unit.name}`, lastChannel: identity.channel } })).id;
      if (returning === contactId) {
        // Back with the role of this invitation only: what they held before they left is not given back unasked.
        const dropped = await tx.role.deleteMany({ where: { contactId } });
        await tx.auditLog.create({
          data: { at: now, actor: `contact:${contactId}`, action: 'contact.reactivate', entity: 'Contact', entityId: String(contactId), detail: JSON.stringify({ invite: invite.id, channel: identity.channel, rolesDropped: dropped.count }) },
        });
      }
      await tx.role.upsert({
        where: { contactId_unitId_role: { contactId, unitId: invite.unitId, role: invite.role } },
        create: { contactId, unitId: invite.unitId, role: invite.role },
        update: {},
      });
      if (known && known.contactId !== contactId) {
        // The account moves to the invited contact (their own earlier account on this channel gives way).
        await tx.channelIdentity.deleteMany({ where: { contactId, channel: identity.channel } });
        await tx.channelIdentity.update({
          where: { id: known.id },
          data: { contactId, chatId: identity.chatId, displayName: identity.displayName ?? null, lastSeenAt: now, unreachableAt: null, unreachableReason: null },
        });
      } else if (existingContactId === null) {
        // A contact binding a new account on a channel (a new phone) replaces the old one there.
        await tx.channelIdentity.upsert({
          where: { contactId_channel: { contactId, channel: identity.channel } },
          create: { contactId, channel: identity.channel, userId: identity.userId, chatId: identity.chatId, displayName: identity.displayName ?? null, lastSeenAt: now },
          update: { userId: identity.userId, chatId: identity.chatId, displayName: identity.displayName ?? null, lastSeenAt: now, unreachableAt: null, unreachableReason: null },
        });
      }
      await tx.contact.update({ where: { id: contactId }, data: { lastChannel: identity.channel, active: true } });
      await tx.invite.update({ where: { id: invite.id }, data: { usedByContactId: contactId } });
      await tx.auditLog.create({
        data: { at: now, actor: `contact:${contactId}`, action: 'invite.redeem', entity: 'Invite', entityId: String(invite.id), detail: JSON.stringify({ channel: identity.channel }) },
      });
      const contact = await tx.contact.findUniqueOrThrow({ where: { id: contactId }, include: { roles: { include: { unit: true } } } });
      return { ok: true, contact: toContactRecord(contact), unitName: invite.unit.name, role: invite.role as RoleName } as const;
    });
  }
}
