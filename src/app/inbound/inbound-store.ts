import type { ChannelName, ContactRecord, SubmissionSummary } from '../ports.ts';
import type { Answers } from '../../domain/index.ts';

/** Where an update stands in the database, found by its key. */
export interface SeenUpdate {
  fingerprint: string;
  status: 'pending' | 'done' | 'failed';
}

/** The key of one update, scoped to the channel and the bot. */
export interface UpdateKey {
  channel: ChannelName;
  botKey: string;
  updateKey: string;
}

/**
 * One read at the start of every update: what is known of its key, the version of the cached
 * directory, and for the account's contact, the versions of the reports of the units they report for
 * and their dialog state.
 */
export interface StepSnapshot {
  seen: SeenUpdate | null;
  directoryVersion: number;
  /** Per unit the contact reports for: a number that changes whenever one of its reports is stored (0 before the first). */
  reportVersions: Map<number, number>;
  /** The contact's serialised dialog state, or null when there is none. */
  dialog: { version: number; state: string } | null;
  /** A feature waits for this contact's next message (a reviewer's choice or return reason). */
  followUp?: boolean;
}

/** A contact as the directory cache holds it: the record, and where they were last seen on this channel. */
export interface DirectoryEntry {
  contact: ContactRecord;
  identityId: number;
  chatId: string;
  lastSeenAt: Date;
  unreachable: boolean;
  lastChannel: string | null;
  /** Closed periods reopened for the units the contact reports for (loaded with the contact; the directory's version covers them). */
  reopened?: ReopenedPeriod[];
}

/** A closed period an admin opened again for one unit, until a date. */
export interface ReopenedPeriod {
  unitId: number;
  formId: string;
  periodKey: string;
  until: Date;
}

/** A report to store as a new revision (a first submission or an amendment). */
export interface SubmissionWrite {
  unitId: number;
  formId: string;
  formVersion: number;
  periodKey: string;
  answers: Answers;
  late: boolean;
  contactId: number;
  channel: ChannelName;
  /** Known to replace a stored report (an amendment); false for what was, when the step ran, the period's first report. */
  replaces?: boolean;
}

/**
 * Everything one update changes, written in one transaction: the update's record (its "handled"
 * mark), and what its handling decided. Storage writes these as rows; it knows nothing of dialogs.
 */
export interface UpdateWrites {
  update: UpdateKey & { fingerprint: string; status: 'done' | 'failed' };
  now: Date;
  dialog?: { contactId: number; version: number; state: string };
  submissions?: SubmissionWrite[];
  locale?: { contactId: number; locale: string };
  /** Only when something worth writing changed: a new chat, another channel, a long silence, reachable again. */
  presence?: { identityId: number; contactId: number; chatId: string; lastSeenAt: Date; clearUnreachable: boolean; lastChannel?: ChannelName };
}

/** The storage the inbound pipeline needs; one implementation per database, behind this port. */
export interface InboundStore {
  snapshot(key: UpdateKey, account: { userId: string }): Promise<StepSnapshot>;
  /** Writes one update's outcome; false when another delivery of the same update got there first. */
  commit(writes: UpdateWrites): Promise<boolean>;
  /** Stores an update to handle later (store-first platforms); false when its key is known already. */
  storePending(key: UpdateKey, fingerprint: string, payload: string, now: Date): Promise<boolean>;
  pending(channel: ChannelName, botKey: string, limit: number): Promise<Array<UpdateKey & { fingerprint: string; payload: string }>>;
  findContact(channel: ChannelName, userId: string): Promise<DirectoryEntry | null>;
  findSubmissions(keys: Array<{ unitId: number; formId: string; periodKey: string }>): Promise<SubmissionSummary[]>;
  /** Reports of these units returned for amendment (any period); absent in stores without the review loop. */
  findReturned?(unitIds: readonly number[]): Promise<SubmissionSummary[]>;
  /** Forgets update keys received before `before` (past every platform's redelivery window). */
  forgetUpdatesBefore(before: Date): Promise<number>;
}
