import type { SharedSendBudget } from '../app/outbox-ports.ts';
import { sleepOnTimers, type Pacer } from './send-pacer.ts';

export interface SharedPacerOptions {
  /** Names the platform's bucket, e.g. "telegram". */
  channel: string;
  perSecond: number;
  /** Spacing between two calls to one chat. */
  perChatIntervalMs: number;
  budget: SharedSendBudget;
  sleep?: (ms: number) => Promise<void>;
}

const PRUNE_EVERY_MS = 60_000;

/**
 * How late a reserved slot may still be used, up to the moment the call leaves. A worker held up (a
 * busy machine, a long pause of its event loop, a slow claim) would otherwise send its overdue slots
 * at once, on top of the other workers' sends; within this margin the burst stays inside what the
 * platform tolerates (Telegram's bucket holds about one second of sends).
 */
const MAX_LATE_MS = 300;

/**
 * Pacing shared by several workers on one database. The platform's budget is a sequence of slots
 * evenly spaced (rounded up to whole milliseconds, so never faster than the rate); a send reserves
 * the next free one in one statement and waits for it, so workers take turns without racing. The
 * chat's own bucket is marked for the same moment; if that chat is sent to less than a chat interval
 * from it (by any worker), or the slot has passed while this worker was held up, the slot is let go
 * and the send tries again: a slot left unused is always safe.
 */
export class SharedSendPacer implements Pacer {
  readonly #o: Required<SharedPacerOptions>;
  readonly #gapMs: number;
  #pausedUntil = 0;
  #lastPrune = 0;

  constructor(options: SharedPacerOptions) {
    this.#o = { sleep: sleepOnTimers, ...options };
    this.#gapMs = Math.ceil(1000 / options.perSecond);
  }

  async turn(chatId: string): Promise<number> {
    const { channel, budget, perChatIntervalMs, sleep } = this.#o;
    for (;;) {
      const paused = this.#pausedUntil - Date.now();
      if (paused > 0) await sleep(paused);
      await this.#pruneNowAndThen();
      const asked = performance.now();
      const { waitMs, chatFree } = await budget.reserve(channel, this.#gapMs, `${channel}:chat:${chatId}`, perChatIntervalMs + MAX_LATE_MS);
      if (!chatFree) {
        await sleep(perChatIntervalMs);
        continue;
      }
      const left = asked + waitMs - performance.now();
      if (left > 0) await sleep(left);
      const deadline = asked + waitMs + MAX_LATE_MS;
      if (performance.now() <= deadline) return deadline;
    }
  }

  /** Nothing to do: a call leaves at most MAX_LATE_MS after its slot, and the chat's spacing allows for that. */
  leaving(): void {}

  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + ms);
  }

  async #pruneNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.#lastPrune < PRUNE_EVERY_MS) return;
    this.#lastPrune = now;
    await this.#o.budget.prune(PRUNE_EVERY_MS).catch(() => undefined);
  }
}
