/**
 * The emulator's inbound side: updates waiting for `getUpdates`, and long polls parked until an
 * update arrives. An update goes to the oldest parked poll first, else into the queue; a poll
 * whose client went away gives up its place so that no update is handed to a dead connection.
 */
export class UpdateQueue {
  readonly #items: unknown[] = [];
  readonly #waiters: Array<(update: unknown) => void> = [];

  /** Updates queued and not yet taken. */
  get pending(): number {
    return this.#items.length;
  }

  /** Long polls parked, waiting for an update. */
  get parked(): number {
    return this.#waiters.length;
  }

  /** Hands `update` to the oldest parked poll, or queues it. */
  push(update: unknown): void {
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) waiter(update);
    else this.#items.push(update);
  }

  /**
   * The next update: at once when one is queued, else after parking up to `waitMs`. Resolves
   * `undefined` when the wait ends empty (or `releaseAll` ran), `null` when `cancelled` fired.
   */
  take(waitMs: number, cancelled: AbortSignal): Promise<unknown> {
    if (this.#items.length > 0) return Promise.resolve(this.#items.shift());
    return new Promise<unknown>((resolve) => {
      const finish = (value: unknown): void => {
        clearTimeout(timer);
        cancelled.removeEventListener('abort', onCancel);
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        resolve(value);
      };
      const waiter = (update: unknown): void => finish(update);
      const onCancel = (): void => finish(null);
      const timer = setTimeout(() => finish(undefined), waitMs);
      this.#waiters.push(waiter);
      cancelled.addEventListener('abort', onCancel, { once: true });
    });
  }

  /** Ends every parked poll empty (used when the emulator closes). */
  releaseAll(): void {
    for (const waiter of this.#waiters.splice(0)) waiter(undefined);
  }
}
