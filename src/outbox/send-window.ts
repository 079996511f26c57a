/**
 * The hard limit behind pacing: at most `perSecond` sends in ANY one-second window, sliding. Spacing
 * sends evenly is not enough on its own: when the event loop is held up (start-up, a large digest, a
 * slow disk), every timer that came due fires at once and the evenly spaced sends leave together as
 * a burst. The window remembers when the last sends really left and makes the next one wait until
 * the oldest of them is a full second old.
 */
export class SendWindow {
  readonly #cap: number;
  /** When the last `cap` sends left, oldest first. */
  readonly #recent: number[] = [];

  constructor(perSecond: number) {
    // Fractional rates (Zalo at 0.5 a second) still allow one send in a window; spacing does the rest.
    this.#cap = Math.max(1, Math.floor(perSecond));
  }

  /** Milliseconds to wait before a send may leave at `now`; 0 when it may leave now. */
  waitAt(now: number): number {
    if (this.#recent.length < this.#cap) return 0;
    const oldest = this.#recent[this.#recent.length - this.#cap] ?? 0;
    return Math.max(0, oldest + 1000 - now);
  }

  /** Records a send leaving at `now`. */
  record(now: number): void {
    this.#recent.push(now);
    if (this.#recent.length > this.#cap) this.#recent.splice(0, this.#recent.length - this.#cap);
  }
}
