/**
 * Lets a test wait for a condition on an emulator's recorded state without polling loops:
 * the emulator calls `notify()` after every change, and each waiter re-checks its probe.
 * Every wait is bounded and fails with a message saying what was awaited.
 */
export class ChangeNotifier {
  readonly #listeners = new Set<() => void>();

  constructor(readonly name: string) {}

  /** Re-checks every pending wait. */
  notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  /** Resolves with the probe's first defined value, or rejects after `timeoutMs`. */
  waitFor<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const value = probe();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.#listeners.delete(check);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.name}: timed out after ${timeoutMs} ms waiting for ${describe()}`));
      }, timeoutMs);
      this.#listeners.add(check);
      check();
    });
  }
}
