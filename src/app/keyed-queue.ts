/**
 * Runs tasks one at a time per key, in the order they were queued, and different keys in parallel.
 * The inbound flow queues each sender's updates here, so one contact's messages are never handled
 * concurrently (grammY's `sequentialize` does the same).
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** How many keys have work queued; for tests and health. */
  get size(): number {
    return this.tails.size;
  }
}
