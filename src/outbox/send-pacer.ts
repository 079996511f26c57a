/**
 * Pacing sends to a platform's limits: at most `perSecond` calls across all chats (evenly spaced,
 * never in bursts) and at most one call per `perChatIntervalMs` to one chat. Callers ask for a turn
 * right before each call; turns are handed out in order, so concurrent deliveries never exceed the
 * limits and the platform never has to answer 429 because of us.
 */

/** A pacer's settings. */
export interface PacerOptions {
  /** Calls a second across all chats (TELEGRAM_SEND_RATE, ZALO_SEND_RATE). */
  perSecond: number;
  /** Spacing between two calls to one chat; Telegram allows about one a second. */
  perChatIntervalMs: number;
  /** Monotonic milliseconds; injectable for tests. */
  now?: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the outbox sender asks of a pacer; one per platform. */
export interface Pacer {
  /** Resolves when a call to `chatId` may be made; the caller makes it at once. */
  turn(chatId: string): Promise<void>;
  /** After a 429: no call at all for `ms` (the platform's retry_after). */
  pause(ms: number): void;
}

/** Hands out send turns for one platform, within one process. */
export class SendPacer implements Pacer {
  readonly #gapMs: number;
  readonly #chatGapMs: number;
  readonly #now: () => number;
  #nextGlobal = 0;
  readonly #chatLast = new Map<string, number>();
  readonly #chatQueue = new Map<string, Promise<void>>();

  constructor(options: PacerOptions) {
    this.#gapMs = 1000 / options.perSecond;
    this.#chatGapMs = options.perChatIntervalMs;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Resolves when a call to `chatId` may be made; the caller makes it at once. */
  async turn(chatId: string): Promise<void> {
    const previous = this.#chatQueue.get(chatId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    this.#chatQueue.set(chatId, mine);
    try {
      await previous;
      const last = this.#chatLast.get(chatId);
      if (last !== undefined) {
        const wait = last + this.#chatGapMs - this.#now();
        if (wait > 0) await sleep(wait);
      }
      const at = Math.max(this.#now(), this.#nextGlobal);
      this.#nextGlobal = at + this.#gapMs;
      const wait = at - this.#now();
      if (wait > 0) await sleep(wait);
      this.#chatLast.set(chatId, this.#now());
    } finally {
      release();
      if (this.#chatQueue.get(chatId) === mine) this.#chatQueue.delete(chatId);
      this.#forgetIdleChats();
    }
  }

  /** After a 429: no call at all for `ms` (the platform's retry_after). */
  pause(ms: number): void {
    this.#nextGlobal = Math.max(this.#nextGlobal, this.#now() + ms);
  }

  #forgetIdleChats(): void {
    if (this.#chatLast.size < 5000) return;
    const horizon = this.#now() - this.#chatGapMs;
    for (const [chat, at] of this.#chatLast) if (at < horizon && !this.#chatQueue.has(chat)) this.#chatLast.delete(chat);
  }
}
