/**
 * The server's queue of unconfirmed updates, shared by both ways of receiving. For `getUpdates`
 * an update stays until a call's `offset` passes its id (a negative offset keeps only the last
 * -offset); for a webhook it stays until delivered or given up. A redelivered update is returned
 * once more whatever the offset, before the others. Long polls wait here for new updates.
 */
import type { TgUpdate } from './types.ts';

/** One queued update; `inFlight` while a webhook POST of it is under way. */
export interface PendingUpdate {
  update: TgUpdate;
  redelivery: boolean;
  inFlight: boolean;
}

/** Unconfirmed updates, oldest first, bounded (the oldest is dropped, as the server drops after 24 h). */
export class UpdateStore {
  readonly #entries: PendingUpdate[] = [];
  readonly #listeners = new Set<() => void>();

  constructor(readonly limit: number) {}

  /** Queues an update and wakes waiting long polls. */
  add(update: TgUpdate, redelivery = false): void {
    this.#entries.push({ update, redelivery, inFlight: false });
    if (this.#entries.length > this.limit) {
      const index = this.#entries.findIndex((entry) => !entry.inFlight);
      if (index >= 0) this.#entries.splice(index, 1);
    }
    for (const listener of [...this.#listeners]) listener();
  }

  /** Updates waiting (in flight ones included). */
  get pendingCount(): number {
    return this.#entries.length;
  }

  /** Entries in queue order (for the webhook dispatcher). */
  get entries(): readonly PendingUpdate[] {
    return this.#entries;
  }

  /** Confirms earlier updates as `getUpdates` with `offset` does. */
  confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    const regular = this.#entries.filter((entry) => !entry.redelivery);
    const keep = offset > 0 ? regular.filter((entry) => entry.update.update_id >= offset) : regular.slice(offset);
    const kept = new Set(keep);
    this.#removeWhere((entry) => !entry.redelivery && !kept.has(entry));
  }

  /** What `getUpdates` returns now: redeliveries first (then forgotten), then up to `limit` in id order. */
  take(limit: number): TgUpdate[] {
    const redeliveries = this.#entries.filter((entry) => entry.redelivery).slice(0, limit);
    const taken = new Set(redeliveries);
    this.#removeWhere((entry) => taken.has(entry));
    const regular = this.#entries
      .filter((entry) => !entry.redelivery)
      .sort((a, b) => a.update.update_id - b.update.update_id)
      .slice(0, limit - redeliveries.length);
    return [...redeliveries, ...regular].map((entry) => entry.update);
  }

  /** Removes one entry (delivered or given up). */
  remove(entry: PendingUpdate): void {
    this.#removeWhere((candidate) => candidate === entry);
  }

  /** Marks nothing in flight (a webhook was removed or replaced). */
  resetInFlight(): void {
    for (const entry of this.#entries) entry.inFlight = false;
  }

  /** Drops every pending update (`drop_pending_updates`). */
  clear(): void {
    this.#entries.length = 0;
  }

  /** Resolves when an update is added, after `timeoutMs`, or when `signal` aborts, whichever comes first. */
  waitForUpdate(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#listeners.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      this.#listeners.add(done);
      signal.addEventListener('abort', done, { once: true });
      if (signal.aborted) done();
    });
  }

  #removeWhere(predicate: (entry: PendingUpdate) => boolean): void {
    for (let index = this.#entries.length - 1; index >= 0; index -= 1) {
      if (predicate(this.#entries[index] as PendingUpdate)) this.#entries.splice(index, 1);
    }
  }
}
