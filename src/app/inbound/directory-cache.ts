import type { ChannelName, SubmissionSummary } from '../ports.ts';
import type { DirectoryEntry, InboundStore } from './inbound-store.ts';

/**
 * Who is behind a messenger account (contact, roles, units), kept in memory between messages. It is
 * valid for one version of the directory: the database raises that version on any change to contacts,
 * roles, units or accounts, whichever process makes it (the command line, another worker), and the
 * version comes with every update's first read, so a stale entry is never used.
 */
export class DirectoryCache {
  private version = -1;
  private readonly entries = new Map<string, DirectoryEntry | null>();

  constructor(private readonly store: Pick<InboundStore, 'findContact'>) {}

  async get(channel: ChannelName, userId: string, version: number): Promise<DirectoryEntry | null> {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const key = `${channel}:${userId}`;
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const found = await this.store.findContact(channel, userId);
    // Another update may have moved the version on while this one read; only a current read is kept.
    if (version === this.version) this.entries.set(key, found);
    return found;
  }

  /** After this process wrote a contact's presence itself (no version change), the entry follows it. */
  remember(channel: ChannelName, userId: string, entry: DirectoryEntry): void {
    if (this.entries.has(`${channel}:${userId}`)) this.entries.set(`${channel}:${userId}`, entry);
  }
}

/**
 * What units have submitted for the open periods, kept per unit for one version of that unit's reports
 * (raised by the database whenever one is stored), so a dialog step does not query them again and one
 * unit's report does not make every other unit's stale.
 */
export class SubmissionCache {
  private readonly units = new Map<number, { version: number; found: Map<string, SubmissionSummary | null>; returned?: SubmissionSummary[] }>();

  constructor(private readonly store: Pick<InboundStore, 'findSubmissions' | 'findReturned'>) {}

  /** The units' reports returned for amendment, kept with the unit's version like the rest. */
  async returned(unitIds: readonly number[], versions: Map<number, number>): Promise<SubmissionSummary[]> {
    if (!this.store.findReturned || unitIds.length === 0) return [];
    const result: SubmissionSummary[] = [];
    const missing: number[] = [];
    for (const unitId of unitIds) {
      const version = versions.get(unitId) ?? 0;
      let unit = this.units.get(unitId);
      if (!unit || unit.version !== version) this.units.set(unitId, (unit = { version, found: new Map() }));
      if (unit.returned) result.push(...unit.returned);
      else missing.push(unitId);
    }
    if (missing.length) {
      const rows = await this.store.findReturned(missing);
      result.push(...rows);
      for (const unitId of missing) {
        const unit = this.units.get(unitId);
        if (unit && unit.version === (versions.get(unitId) ?? 0)) unit.returned = rows.filter((row) => row.unitId === unitId);
      }
    }
    return result;
  }

  async find(keys: Array<{ unitId: number; formId: string; periodKey: string }>, versions: Map<number, number>): Promise<SubmissionSummary[]> {
    const result = new Map<string, SubmissionSummary | null>();
    const missing: typeof keys = [];
    for (const key of keys) {
      const version = versions.get(key.unitId) ?? 0;
      let unit = this.units.get(key.unitId);
      if (!unit || unit.version !== version) this.units.set(key.unitId, (unit = { version, found: new Map() }));
      const cached = unit.found.get(keyOf(key));
      if (cached === undefined) missing.push(key);
      else result.set(keyOf(key), cached);
    }
    if (missing.length) {
      const rows = await this.store.findSubmissions(missing);
      for (const key of missing) result.set(keyOf(key), null);
      for (const row of rows) result.set(keyOf(row), row);
      for (const key of missing) {
        // Kept only if no newer version of the unit arrived while this one read.
        const unit = this.units.get(key.unitId);
        if (unit && unit.version === (versions.get(key.unitId) ?? 0)) unit.found.set(keyOf(key), result.get(keyOf(key)) ?? null);
      }
    }
    return [...result.values()].filter((row): row is SubmissionSummary => row !== null);
  }
}

function keyOf(key: { unitId: number; formId: string; periodKey: string }): string {
  return `${key.unitId}|${key.formId}|${key.periodKey}`;
}
