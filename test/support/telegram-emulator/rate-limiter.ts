/**
 * The Bot API's sending limits as token buckets: one global bucket (about 30 sends a second),
 * one per chat (about 1 a second, short bursts tolerated) and one per group (20 a minute). A send
 * is admitted only when every bucket it touches holds a token; otherwise the caller gets the
 * whole seconds to wait, computed from the emptiest bucket, for `retry_after`.
 */
import type { RateLimitOptions } from './types.ts';

/** The platform's limits, used when the emulator is started without `rateLimit`. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { globalPerSecond: 30, perChatPerSecond: 1, burst: 1, perGroupPerMinute: 20 };

const MAX_TRACKED_CHATS = 10_000;

/** A bucket refilled continuously at `ratePerSecond`, holding at most `capacity` tokens. */
export class TokenBucket {
  #tokens: number;
  #updatedAt: number;

  constructor(
    readonly ratePerSecond: number,
    readonly capacity: number,
    now: number,
  ) {
    this.#tokens = capacity;
    this.#updatedAt = now;
  }

  /** Seconds until one token is available (0 when one is available now). */
  waitSeconds(now: number): number {
    this.#refill(now);
    return this.#tokens >= 1 ? 0 : (1 - this.#tokens) / this.ratePerSecond;
  }

  /** Takes one token; call only after `waitSeconds` answered 0. */
  take(now: number): void {
    this.#refill(now);
    this.#tokens -= 1;
  }

  /** True when the bucket is full again, i.e. indistinguishable from a new one. */
  isFull(now: number): boolean {
    this.#refill(now);
    return this.#tokens >= this.capacity;
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.capacity, this.#tokens + elapsed * this.ratePerSecond);
    this.#updatedAt = now;
  }
}

/** Admits or refuses sends per chat; memory stays bounded by forgetting refilled chat buckets. */
export class SendRateLimiter {
  readonly #options: Required<RateLimitOptions>;
  readonly #global: TokenBucket;
  readonly #chats = new Map<number, TokenBucket>();
  readonly #groups = new Map<number, TokenBucket>();
  /** Refusals by the bucket that was empty, to tell a burst across chats from one chat sent to too often. */
  readonly refusals = { global: 0, chat: 0, group: 0 };

  constructor(
    options: RateLimitOptions,
    readonly clock: () => number = () => performance.now(),
  ) {
    this.#options = {
      globalPerSecond: options.globalPerSecond,
      perChatPerSecond: options.perChatPerSecond,
      burst: options.burst ?? 1,
      globalBurst: options.globalBurst ?? options.globalPerSecond,
      perGroupPerMinute: options.perGroupPerMinute ?? 20,
    };
    this.#global = new TokenBucket(this.#options.globalPerSecond, this.#options.globalBurst, clock());
  }

  /** Takes a token from every bucket of `chatId` and answers undefined, or answers the seconds to wait (≥ 1, whole). */
  admit(chatId: number): number | undefined {
    const now = this.clock();
    const buckets = [this.#global, this.#bucket(this.#chats, chatId, this.#options.perChatPerSecond, this.#options.burst, now)];
    if (chatId < 0 && this.#options.perGroupPerMinute > 0) {
      const perMinute = this.#options.perGroupPerMinute;
      buckets.push(this.#bucket(this.#groups, chatId, perMinute / 60, perMinute, now));
    }
    const waits = buckets.map((bucket) => bucket.waitSeconds(now));
    const wait = Math.max(...waits);
    if (wait > 0) {
      this.refusals[waits[0] === wait ? 'global' : waits[1] === wait ? 'chat' : 'group'] += 1;
      return Math.max(1, Math.ceil(wait));
    }
    for (const bucket of buckets) bucket.take(now);
    return undefined;
  }

  #bucket(map: Map<number, TokenBucket>, chatId: number, rate: number, capacity: number, now: number): TokenBucket {
    let bucket = map.get(chatId);
    if (bucket === undefined) {
      if (map.size >= MAX_TRACKED_CHATS) this.#forgetFull(map, now);
      bucket = new TokenBucket(rate, capacity, now);
      map.set(chatId, bucket);
    }
    return bucket;
  }

  #forgetFull(map: Map<number, TokenBucket>, now: number): void {
    for (const [chatId, bucket] of map) if (bucket.isFull(now)) map.delete(chatId);
  }
}

/** Sends a second achieved between the first and last of `times` (milliseconds); 0 with fewer than two. */
export function achievedRate(times: readonly number[]): number {
  const first = times[0];
  const last = times.at(-1);
  if (first === undefined || last === undefined || last === first) return 0;
  return ((times.length - 1) * 1000) / (last - first);
}
