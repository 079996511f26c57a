/**
 * Lets tests wait for a condition on the emulator's recorded state without polling loops: the
 * emulator calls `notify()` after each change and every waiter re-checks its probe. Every wait is
 * bounded and fails with an error saying what was awaited and what was seen; `close()` fails
 * the waits still pending.
 */
export class ChangeSignal {
  readonly #waiters = new Set<{ check: () => void; fail: (error: Error) => void }>();

  constructor(readonly name: string) {}

  /** Re-checks every pending wait. */
  notify(): void {
    for (const waiter of [...this.#waiters]) waiter.check();
  }

  /** Resolves with the probe's first defined value; rejects after `timeoutMs` with `describe()`. */
  waitFor<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        check: (): void => {
          const value = probe();
          if (value === undefined) return;
          cleanup();
          resolve(value);
        },
        fail: (error: Error): void => {
          cleanup();
          reject(error);
        },
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      const timer = setTimeout(() => waiter.fail(new Error(`${this.name}: timed out after ${timeoutMs} ms waiting for ${describe()}`)), timeoutMs);
      this.#waiters.add(waiter);
      waiter.check();
    });
  }

  /** Fails every pending wait (the emulator is closing). */
  close(): void {
    for (const waiter of [...this.#waiters]) waiter.fail(new Error(`${this.name}: closed while waiting`));
  }
}
