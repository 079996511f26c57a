import type { ActiveSession, DashboardAuthStore, LinkRedemption, RevokeTarget, SessionRow } from '../../app/dashboard-auth-ports.ts';
import type { PrismaClient } from '../database.ts';

/** How often a session's "last seen" is written: not on every page, which would make every read a write. */
const SEEN_EVERY_MS = 60_000;

/** Dashboard sign-in links and sessions through Prisma (SQLite or PostgreSQL). */
export class DashboardAuthRepository implements DashboardAuthStore {
  constructor(private readonly prisma: PrismaClient) {}

  async createLink(input: { tokenHash: string; contactId: number; expiresAt: Date; actor: string; now: Date }): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const link = await tx.dashboardLink.create({ data: { tokenHash: input.tokenHash, contactId: input.contactId, expiresAt: input.expiresAt, createdAt: input.now } });
      await tx.auditLog.create({
        data: { at: input.now, actor: input.actor, action: 'dashboard.link_create', entity: 'DashboardLink', entityId: String(link.id), detail: JSON.stringify({ contactId: input.contactId }) },
      });
      return link.id;
    });
  }

  async redeemLink(input: { tokenHash: string; sessionHash: string; sessionExpiresAt: Date; now: Date }): Promise<LinkRedemption> {
    const { now } = input;
    return this.prisma.$transaction(async (tx) => {
      const link = await tx.dashboardLink.findUnique({ where: { tokenHash: input.tokenHash }, include: { contact: { select: { active: true } } } });
      if (!link) return { ok: false, reason: 'unknown' } as const;
      const refuse = async (reason: 'used' | 'expired' | 'inactive') => {
        await tx.auditLog.create({ data: { at: now, actor: `contact:${link.contactId}`, action: 'dashboard.sign_in_refused', entity: 'DashboardLink', entityId: String(link.id), detail: JSON.stringify({ reason }) } });
        return { ok: false, reason } as const;
      };
      if (link.usedAt) return refuse('used');
      if (link.expiresAt <= now) return refuse('expired');
      if (!link.contact.active) return refuse('inactive');
      // The conditional update is the claim: of two simultaneous redemptions, only one changes the row.
      const claimed = await tx.dashboardLink.updateMany({ where: { id: link.id, usedAt: null }, data: { usedAt: now } });
      if (claimed.count !== 1) return refuse('used');
      const session = await tx.dashboardSession.create({
        data: { idHash: input.sessionHash, contactId: link.contactId, expiresAt: input.sessionExpiresAt, createdAt: now, lastSeenAt: now },
      });
      await tx.auditLog.create({
        data: { at: now, actor: `contact:${link.contactId}`, action: 'dashboard.sign_in', entity: 'DashboardSession', entityId: String(session.id), detail: JSON.stringify({ linkId: link.id }) },
      });
      return { ok: true, contactId: link.contactId, sessionId: session.id } as const;
    });
  }

  async findSession(idHash: string, now: Date): Promise<ActiveSession | null> {
    const row = await this.prisma.dashboardSession.findUnique({ where: { idHash }, include: { contact: { select: { active: true } } } });
    if (!row || row.revokedAt || row.expiresAt <= now || !row.contact.active) return null;
    if (now.getTime() - row.lastSeenAt.getTime() >= SEEN_EVERY_MS) {
      await this.prisma.dashboardSession.update({ where: { id: row.id }, data: { lastSeenAt: now } });
    }
    return { id: row.id, contactId: row.contactId, expiresAt: row.expiresAt };
  }

  async revoke(target: RevokeTarget, actor: string, now: Date): Promise<number> {
    const scope = 'sessionId' in target ? { id: target.sessionId } : 'contactId' in target ? { contactId: target.contactId } : {};
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.dashboardSession.updateMany({ where: { ...scope, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } });
      await tx.auditLog.create({
        data: { at: now, actor, action: actor.startsWith('contact:') && 'sessionId' in target ? 'dashboard.sign_out' : 'dashboard.sessions_revoke', entity: 'DashboardSession', entityId: 'sessionId' in target ? String(target.sessionId) : null, detail: JSON.stringify({ ...target, count }) },
      });
      return count;
    });
  }

  async list(now: Date): Promise<SessionRow[]> {
    const rows = await this.prisma.dashboardSession.findMany({ include: { contact: { select: { name: true } } }, orderBy: { id: 'asc' } });
    return rows.map((row) => ({
      id: row.id,
      contactId: row.contactId,
      contactName: row.contact.name,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      expiresAt: row.expiresAt,
      status: row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active',
    }));
  }
}
