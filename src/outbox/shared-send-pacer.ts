import type { Pacer } from './send-pacer.ts';

/** Send slots in the database, shared by every worker: taking one is an insert that only one can win. */
export interface SendSlots {
  /** True when this process got the slot. */
  take(slotKey: string): Promise<boolean>;
  /** Forgets slots older than `before`. */
  prune(before: Date): Promise<void>;
}

export interface SharedPacerOptions {
  /** Names the bucket, e.g. "telegram". */
  channel: string;
  perSecond: number;
  slots: SendSlots;
  now?: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const PRUNE_EVERY_MS = 30_000;

/**
 * Pacing shared by several workers. Each second of a platform's budget has `perSecond` numbered
 * slots, slot k usable from k/perSecond into the second, so sends are evenly spaced; each chat has one
 * slot a second. A send takes its chat's slot and a global slot by inserting them; the database's
 * primary key makes each slot one process's, so the limits hold for the whole bot.
 */
export class SharedSendPacer implements Pacer {
  readonly #o: Required<SharedPacerOptions>;
  #pausedUntil = 0;
  #lastPrune = 0;

  constructor(options: SharedPacerOptions) {
    this.#o = { now: () => Date.now(), ...options };
  }

  async turn(chatId: string): Promise<void> {
    const { perSecond, channel, slots } = this.#o;
    for (;;) {
      const now = this.#o.now();
      if (now < this.#pausedUntil) {
        await sleep(this.#pausedUntil - now);
        continue;
      }
      await this.#pruneNowAndThen(now);
      const second = Math.floor(now / 1000);
      const nextSecond = (second + 1) * 1000;
      if (!(await slots.take(`${channel}:chat:${chatId}|${second}`))) {
        await sleep(nextSecond - now);
        continue;
      }
      // Slots already in the past are skipped, so an idle moment never turns into a burst.
      const first = Math.floor(((now % 1000) / 1000) * perSecond);
      for (let slot = first; slot < perSecond; slot += 1) {
        if (await slots.take(`${channel}|${second}|${slot}`)) {
          const at = second * 1000 + (slot * 1000) / perSecond;
          const wait = at - this.#o.now();
          if (wait > 0) await sleep(wait);
          return;
        }
      }
      await sleep(Math.max(0, nextSecond - this.#o.now()));
    }
  }

  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#o.now() + ms);
  }

  async #pruneNowAndThen(now: number): Promise<void> {
    if (now - this.#lastPrune < PRUNE_EVERY_MS) return;
    this.#lastPrune = now;
    await this.#o.slots.prune(new Date(now - 60_000)).catch(() => undefined);
  }
}
