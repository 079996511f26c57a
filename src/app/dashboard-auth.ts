/**
 * Password-free sign-in to the web dashboard: a supervisor asks in chat, gets a single-use link that
 * is valid for ten minutes, and opening it starts a twelve-hour session. The secrets (the link's token,
 * the session id) are 256-bit random strings handed to the browser; only their SHA-256 hashes are
 * stored. Redemption is throttled per client address, although guessing a token is hopeless anyway.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AttemptThrottle } from './attempt-throttle.ts';
import type { ActiveSession, DashboardAuthStore, LinkRedemption, RevokeTarget } from './dashboard-auth-ports.ts';
import type { Clock } from './ports.ts';

/** A sign-in link lives this long. */
export const LINK_TTL_MS = 10 * 60_000;
/** A session lives this long from sign-in. */
export const SESSION_TTL_MS = 12 * 3_600_000;
/** Where the dashboard is served, and where a sign-in link points (`<base>/bang-dieu-khien/vao/<token>`). */
export const DASHBOARD_PATH = '/bang-dieu-khien';
/** The English alias, redirected to the Vietnamese path. */
export const DASHBOARD_ALIAS_PATH = '/dashboard';

/** A fresh 256-bit secret, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Tokens and session ids have this shape; anything else is refused before the database is asked. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A redemption that was let through the throttle, or refused by it. */
export type SignInOutcome = LinkRedemption & { sessionSecret?: string } | { ok: false; reason: 'throttled' };

/** Issues links, turns them into sessions, finds and ends sessions. */
export class DashboardAuth {
  private readonly throttle: AttemptThrottle;

  constructor(
    private readonly store: DashboardAuthStore,
    private readonly options: { baseUrl: string; clock: Clock; maxAttempts?: number; windowMs?: number },
  ) {
    this.throttle = new AttemptThrottle(options.maxAttempts ?? 20, options.windowMs ?? 15 * 60_000);
  }

  /** A new single-use link for a contact; `actor` is who asked ("contact:<id>" in chat, "cli"). */
  async issueLink(contactId: number, actor: string): Promise<{ url: string; expiresAt: Date }> {
    const now = this.options.clock.now();
    const token = newSecret();
    const expiresAt = new Date(now.getTime() + LINK_TTL_MS);
    await this.store.createLink({ tokenHash: hashSecret(token), contactId, expiresAt, actor, now });
    return { url: `${this.options.baseUrl.replace(/\/+$/, '')}${DASHBOARD_PATH}/vao/${token}`, expiresAt };
  }

  /** Opens a session from a link's token; `client` keys the throttle (the remote address). */
  async signIn(token: string, client: string): Promise<SignInOutcome> {
    const now = this.options.clock.now();
    if (!this.throttle.allow(client, now)) return { ok: false, reason: 'throttled' };
    if (!SECRET_PATTERN.test(token)) return { ok: false, reason: 'unknown' };
    const sessionSecret = newSecret();
    const result = await this.store.redeemLink({
      tokenHash: hashSecret(token),
      sessionHash: hashSecret(sessionSecret),
      sessionExpiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      now,
    });
    return result.ok ? { ...result, sessionSecret } : result;
  }

  /** The live session of a cookie's value, or null. */
  async session(secret: string | undefined): Promise<ActiveSession | null> {
    if (!secret || !SECRET_PATTERN.test(secret)) return null;
    return this.store.findSession(hashSecret(secret), this.options.clock.now());
  }

  /** Sign-out: ends this session. */
  async signOut(session: ActiveSession): Promise<void> {
    await this.store.revoke({ sessionId: session.id }, `contact:${session.contactId}`, this.options.clock.now());
  }

  /** Operators ending sessions (`sessions revoke`). */
  revoke(target: RevokeTarget, actor: string): Promise<number> {
    return this.store.revoke(target, actor, this.options.clock.now());
  }
}

/** The address links point at: PUBLIC_BASE_URL, or the bot's own HTTP server when it is unset. */
export function dashboardBaseUrl(config: { PUBLIC_BASE_URL?: string; HTTP_HOST: string; HTTP_PORT: number }): string {
  if (config.PUBLIC_BASE_URL) return config.PUBLIC_BASE_URL;
  const host = config.HTTP_HOST === '0.0.0.0' || config.HTTP_HOST === '::' ? '127.0.0.1' : config.HTTP_HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.HTTP_PORT}`;
}
