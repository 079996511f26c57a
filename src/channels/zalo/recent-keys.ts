/**
 * A bounded set of recently seen keys, evicting the least recently used one when full.
 *
 * Zalo's getUpdates has no offset, so a message can be delivered again; this set catches the
 * quick repeats in memory, while durable deduplication belongs to storage.
 */
export class RecentKeys {
  readonly #keys = new Map<string, true>();

  constructor(readonly capacity: number = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('RecentKeys: capacity must be a positive integer');
  }

  /** Whether `key` was seen; a hit refreshes the key so that it is evicted last. */
  has(key: string): boolean {
    if (!this.#keys.has(key)) return false;
    this.#keys.delete(key);
    this.#keys.set(key, true);
    return true;
  }

  /** Records `key`, evicting the oldest key when the set is full. */
  add(key: string): void {
    this.#keys.delete(key);
    this.#keys.set(key, true);
    while (this.#keys.size > this.capacity) {
      const oldest = this.#keys.keys().next();
      if (oldest.done === true) break;
      this.#keys.delete(oldest.value);
    }
  }

  get size(): number {
    return this.#keys.size;
  }
}
