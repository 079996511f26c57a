/**
 * Pacing sends to a platform's limits: at most `perSecond` calls across all chats (evenly spaced,
 * never in bursts) and at most one call per `perChatIntervalMs` to one chat. Callers ask for a turn
 * right before each call; turns are handed out in order, so concurrent deliveries never exceed the
 * limits and the platform never has to answer 429 because of us. A sliding window of the sends that
 * really left backs the spacing, so a held-up event loop cannot release a burst.
 */
import { SendWindow } from './send-window.ts';

/** A pacer's settings. */
export interface PacerOptions {
  /** Calls a second across all chats (TELEGRAM_SEND_RATE, ZALO_SEND_RATE). */
  perSecond: number;
  /** Spacing between two calls to one chat; Telegram allows about one a second. */
  perChatIntervalMs: number;
  /** Monotonic milliseconds; injectable for tests. */
  now?: () => number;
  /** Waits; injectable for tests (with `now`, a virtual clock). */
  sleep?: (ms: number) => Promise<void>;
}

/** Waits `ms` on the event loop's timers. */
export const sleepOnTimers = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the outbox sender asks of a pacer; one per platform. */
export interface Pacer {
  /**
   * Resolves when a call to `chatId` may be made, with the latest moment (`performance.now()`) it
   * may still leave: the caller makes it at once, or, when something held it up past that moment,
   * asks for another turn. Infinity when the pacer itself holds the last sends (one process).
   */
  turn(chatId: string): Promise<number>;
  /** After a 429: no call at all for `ms` (the platform's retry_after). */
  pause(ms: number): void;
  /**
   * The call to `chatId` leaves now. A claim in the database may come between the turn and the call;
   * the chat's next turn counts from here, so a delayed call cannot end up too close to the next one.
   */
  leaving(chatId: string): void;
}

/** Hands out send turns for one platform, within one process. */
export class SendPacer implements Pacer {
  readonly #gapMs: number;
  readonly #chatGapMs: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #window: SendWindow;
  #nextGlobal = 0;
  #pausedUntil = 0;
  readonly #chatLast = new Map<string, number>();
  readonly #chatQueue = new Map<string, Promise<void>>();

  constructor(options: PacerOptions) {
    this.#gapMs = 1000 / options.perSecond;
    this.#chatGapMs = options.perChatIntervalMs;
    this.#now = options.now ?? (() => performance.now());
    this.#sleep = options.sleep ?? sleepOnTimers;
    this.#window = new SendWindow(options.perSecond);
  }

  /** Resolves when a call to `chatId` may be made; the caller makes it at once. */
  async turn(chatId: string): Promise<number> {
    const previous = this.#chatQueue.get(chatId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.#chatQueue.set(chatId, mine);
    try {
      await previous;
      // Again after each wait: the chat's previous call may have left later than its turn (see `leaving`).
      for (let wait = this.#chatWait(chatId); wait > 0; wait = this.#chatWait(chatId)) await this.#sleep(wait);
      const at = Math.max(this.#now(), this.#nextGlobal);
      this.#nextGlobal = at + this.#gapMs;
      const wait = at - this.#now();
      if (wait > 0) await this.#sleep(wait);
      // The timer may have fired late, together with others: the window has the last word.
      for (let now = this.#now(), hold = this.#holdAt(now); hold > 0; now = this.#now(), hold = this.#holdAt(now)) await this.#sleep(hold);
      const leaving = this.#now();
      this.#window.record(leaving);
      this.#nextGlobal = Math.max(this.#nextGlobal, leaving + this.#gapMs);
      this.#chatLast.set(chatId, leaving);
      return Number.POSITIVE_INFINITY;
    } finally {
      release();
      if (this.#chatQueue.get(chatId) === mine) this.#chatQueue.delete(chatId);
      this.#forgetIdleChats();
    }
  }

  #chatWait(chatId: string): number {
    const last = this.#chatLast.get(chatId);
    return last === undefined ? 0 : last + this.#chatGapMs - this.#now();
  }

  leaving(chatId: string): void {
    const now = this.#now();
    if ((this.#chatLast.get(chatId) ?? -Infinity) < now) this.#chatLast.set(chatId, now);
  }

  /** After a 429: no call at all for `ms` (the platform's retry_after). */
  pause(ms: number): void {
    this.#nextGlobal = Math.max(this.#nextGlobal, this.#now() + ms);
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + ms);
  }

  /** How long a send about to leave must still wait: the sliding window, or a platform's pause. */
  #holdAt(now: number): number {
    return Math.max(this.#window.waitAt(now), this.#pausedUntil - now);
  }

  #forgetIdleChats(): void {
    if (this.#chatLast.size < 5000) return;
    const horizon = this.#now() - this.#chatGapMs;
    for (const [chat, at] of this.#chatLast) if (at < horizon && !this.#chatQueue.has(chat)) this.#chatLast.delete(chat);
  }
}
