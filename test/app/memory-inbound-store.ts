import type { DirectoryEntry, InboundStore, SeenUpdate, StepSnapshot, UpdateKey, UpdateWrites } from '../../src/app/inbound/inbound-store.ts';
import type { ChannelName, SubmissionSummary } from '../../src/app/ports.ts';

/** A stored update, as the in-memory store keeps it. */
export interface MemoryUpdate extends SeenUpdate {
  payload: string | null;
  receivedAt?: Date;
}

/**
 * The inbound store in memory, for testing the pipeline without a database: the same contract as the
 * SQLite and Prisma stores, and counters of what was read and written.
 */
export class MemoryInboundStore implements InboundStore {
  readonly updates = new Map<string, MemoryUpdate & UpdateKey>();
  readonly dialogs = new Map<number, { version: number; state: string }>();
  readonly submissions: SubmissionSummary[] = [];
  readonly contacts = new Map<string, DirectoryEntry>();
  readonly commits: UpdateWrites[] = [];
  directoryVersion = 0;
  /** Per unit: raised whenever one of its reports is stored, as the database's trigger does. */
  readonly reportVersions = new Map<number, number>();
  contactLookups = 0;
  submissionLookups = 0;
  /** Called at the start of every commit, e.g. to make one slow. */
  beforeCommit: (writes: UpdateWrites) => Promise<void> = async () => undefined;

  private keyOf(key: UpdateKey): string {
    return `${key.channel}|${key.botKey}|${key.updateKey}`;
  }

  async snapshot(key: UpdateKey, account: { userId: string }): Promise<StepSnapshot> {
    const seen = this.updates.get(this.keyOf(key));
    const contact = this.contacts.get(`${key.channel}:${account.userId}`)?.contact;
    const unitIds = contact?.roles.filter((role) => role.role === 'reporter').map((role) => role.unitId) ?? [];
    return {
      seen: seen ? { fingerprint: seen.fingerprint, status: seen.status } : null,
      directoryVersion: this.directoryVersion,
      reportVersions: new Map(unitIds.map((unitId) => [unitId, this.reportVersions.get(unitId) ?? 0])),
      dialog: contact ? (this.dialogs.get(contact.id) ?? null) : null,
    };
  }

  async commit(writes: UpdateWrites): Promise<boolean> {
    await this.beforeCommit(writes);
    const known = this.updates.get(this.keyOf(writes.update));
    if (known && known.status !== 'pending' && known.fingerprint === writes.update.fingerprint) return false;
    this.updates.set(this.keyOf(writes.update), { ...writes.update, payload: null, receivedAt: known?.receivedAt ?? writes.now });
    if (writes.dialog) this.dialogs.set(writes.dialog.contactId, { version: writes.dialog.version, state: writes.dialog.state });
    for (const write of writes.submissions ?? []) {
      const existing = this.submissions.findIndex((s) => s.unitId === write.unitId && s.formId === write.formId && s.periodKey === write.periodKey);
      const revision = existing >= 0 ? (this.submissions[existing]?.revision ?? 0) + 1 : 1;
      const row: SubmissionSummary = { ...write, submittedAt: writes.now, revision };
      if (existing >= 0) this.submissions[existing] = row;
      else this.submissions.push(row);
      this.reportVersions.set(write.unitId, (this.reportVersions.get(write.unitId) ?? 0) + 1);
    }
    if (writes.locale) {
      for (const entry of this.contacts.values()) if (entry.contact.id === writes.locale.contactId) entry.contact = { ...entry.contact, locale: writes.locale.locale as 'vi' | 'en' };
      this.directoryVersion += 1;
    }
    this.commits.push(writes);
    return true;
  }

  async storePending(key: UpdateKey, fingerprint: string, payload: string): Promise<boolean> {
    if (this.updates.has(this.keyOf(key))) return false;
    this.updates.set(this.keyOf(key), { ...key, fingerprint, status: 'pending', payload });
    return true;
  }

  async pending(channel: ChannelName, botKey: string): Promise<Array<UpdateKey & { fingerprint: string; payload: string }>> {
    return [...this.updates.values()]
      .filter((row) => row.channel === channel && row.botKey === botKey && row.status === 'pending')
      .map((row) => ({ channel: row.channel, botKey: row.botKey, updateKey: row.updateKey, fingerprint: row.fingerprint, payload: row.payload ?? '' }));
  }

  async findContact(channel: ChannelName, userId: string): Promise<DirectoryEntry | null> {
    this.contactLookups += 1;
    const entry = this.contacts.get(`${channel}:${userId}`);
    return entry ? structuredClone(entry) : null;
  }

  async findSubmissions(keys: Array<{ unitId: number; formId: string; periodKey: string }>): Promise<SubmissionSummary[]> {
    this.submissionLookups += 1;
    return this.submissions.filter((s) => keys.some((k) => k.unitId === s.unitId && k.formId === s.formId && k.periodKey === s.periodKey));
  }

  /** Every cut-off asked for, oldest first. */
  readonly forgetCalls: Date[] = [];

  async forgetUpdatesBefore(before: Date): Promise<number> {
    this.forgetCalls.push(before);
    let count = 0;
    for (const [key, row] of this.updates) {
      if (row.status !== 'pending' && (row.receivedAt?.getTime() ?? 0) < before.getTime()) {
        this.updates.delete(key);
        count += 1;
      }
    }
    return count;
  }
}
