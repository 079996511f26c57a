/**
 * What dashboard sign-in needs of storage: single-use links and sessions, both known only by the hash
 * of their secret, so a copy of the database opens no door. Kept as a port so the sign-in rules are
 * tested over a real database and the web layer never touches Prisma.
 */

/** Why a sign-in link did not open a session. */
export type LinkRefusal = 'unknown' | 'used' | 'expired' | 'inactive';

/** The outcome of redeeming a link: a new session, or the reason it was refused. */
export type LinkRedemption = { ok: true; contactId: number; sessionId: number } | { ok: false; reason: LinkRefusal };

/** A live session as the web layer sees it. */
export interface ActiveSession {
  id: number;
  contactId: number;
  expiresAt: Date;
}

/** A session as operators list it (never its secret). */
export interface SessionRow {
  id: number;
  contactId: number;
  contactName: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  status: 'active' | 'expired' | 'revoked';
}

/** Which sessions a revocation ends. */
export type RevokeTarget = { sessionId: number } | { contactId: number } | { all: true };

/** Links and sessions in the database; every sign-in, sign-out and revocation is audited in the same transaction. */
export interface DashboardAuthStore {
  createLink(input: { tokenHash: string; contactId: number; expiresAt: Date; actor: string; now: Date }): Promise<number>;
  /** Marks the link used and opens a session in one transaction; of two simultaneous uses only one wins. */
  redeemLink(input: { tokenHash: string; sessionHash: string; sessionExpiresAt: Date; now: Date }): Promise<LinkRedemption>;
  /** The session for a hash when it is neither expired nor revoked, and its contact still active; marks it seen. */
  findSession(idHash: string, now: Date): Promise<ActiveSession | null>;
  /** Ends sessions; returns how many were still open. */
  revoke(target: RevokeTarget, actor: string, now: Date): Promise<number>;
  list(now: Date): Promise<SessionRow[]>;
}
