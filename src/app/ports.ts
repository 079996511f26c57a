import type { Answers, Form, Locale } from '../domain/index.ts';
import type { RoleName } from '../domain/organisation/vocabulary.ts';

/** The messengers the bot speaks on. */
export type ChannelName = 'telegram' | 'zalo' | 'console';

/** The terminal chat's only user; the demo province binds it to a demo reporter. */
export const CONSOLE_USER_ID = 'console';

/** The time, injected so that tests and the scheduler can control it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Who wrote: a user on one channel, and the chat to answer in. */
export interface SenderIdentity {
  channel: ChannelName;
  userId: string;
  chatId: string;
  displayName?: string;
}

/** A registered person, with the units they act for. */
export interface ContactRecord {
  id: number;
  name: string;
  locale: Locale;
  roles: Array<{ role: RoleName; unitId: number; unitCode: string; unitName: string }>;
}

/** The outcome of redeeming an invitation code. */
export type RedeemResult =
  | { ok: true; contact: ContactRecord; unitName: string; role: RoleName }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'revoked' | 'identity_taken' };

/** Invitations: single use, expiring; only a hash of each code is stored. */
export interface InviteStore {
  redeem(codeHash: string, identity: SenderIdentity, existingContactId: number | null, now: Date): Promise<RedeemResult>;
}

/** A unit's stored report for one period. */
export interface SubmissionSummary {
  unitId: number;
  formId: string;
  periodKey: string;
  answers: Answers;
  formVersion: number;
  submittedAt: Date;
  late: boolean;
  revision: number;
  /** new | accepted | returned (absent where storage predates the review loop: treated as new). */
  reviewState?: string;
  /** Why the report was returned, while it is. */
  reviewReason?: string | null;
}

export interface SubmissionReader {
  find(keys: Array<{ unitId: number; formId: string; periodKey: string }>): Promise<SubmissionSummary[]>;
}

/** Every version of every form, for drafts started on an older one. */
export interface FormCatalog {
  current(): Form[];
  version(formId: string, version: number): Form | undefined;
}

/**
 * A lock per sender shared by every worker, so one person's messages are never handled by two
 * processes at once. A lease expires, so a worker that dies does not block anyone for long.
 */
export interface SenderLocks {
  /** Waits (boundedly) for the sender's lease; false if it could not be had in time. */
  acquire(senderKey: string): Promise<boolean>;
  release(senderKey: string): Promise<void>;
}
