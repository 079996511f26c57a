/**
 * The outbox sender: takes messages the bot decided to send, in order, and delivers them through
 * each platform's transport, paced to the platform's limits. Several senders share the work by
 * holding batches of messages for a while; within a batch each message is claimed by a conditional
 * update right before its first call, so a restart or a second sender never sends it twice; what
 * a crash leaves in `sending` is dead-lettered as `interrupted` (at most once, never a duplicate).
 * 429 waits retry_after; 5xx and network errors back off with jitter; blocked and deactivated
 * contacts are marked unreachable; permanent refusals are dead-lettered with their reason.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../app/ports.ts';
import type { OutboxRow, OutboxStore, OutboxTransport, SendOutcome } from '../app/outbox-ports.ts';
import type { Logger } from '../logging/logger.ts';
import type { OutboxPayload } from '../app/outbox-payload.ts';
import { DEFAULT_RETRY_POLICY, retryDelayMs, THROTTLED_ATTEMPTS_FACTOR, type RetryPolicy } from './retry-policy.ts';
import type { Pacer } from './send-pacer.ts';

/** A platform the sender delivers to: its transport and its pacer. */
export interface OutboxRoute {
  transport: OutboxTransport;
  pacer: Pacer;
}

/** What the sender needs; the numbers have production defaults. */
export interface OutboxSenderOptions {
  store: OutboxStore;
  routes: OutboxRoute[];
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** This sender's name in claims; unique per process by default. */
  worker?: string;
  /** Deliveries in flight at once (each waits for its turn from the pacer). Default 32. */
  concurrency?: number;
  /** Messages taken per query; a few more than fit in flight, so other workers get their share. Default 64. */
  batchSize?: number;
  /** How long messages taken but not yet sent stay this sender's; a crashed sender's go to others after it. 0: hold nothing (a sender alone). Default 2 min. */
  holdMs?: number;
  /** How long to sleep when nothing is due (a `notify()` wakes it sooner). Default 1000 ms. */
  pollIntervalMs?: number;
  /** How long a claim lasts before a crashed claimant's message counts as interrupted. Default 5 min. */
  leaseMs?: number;
  /** How often to look for messages a crashed sender left mid-send. Default 1 min. */
  recoveryIntervalMs?: number;
  retry?: RetryPolicy;
  /** Retries, in place, of the second and later parts of a message (the first parts are out already). Default 3. */
  partRetries?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The rate-limited, retrying deliverer of the outbox. */
export class OutboxSender {
  readonly worker: string;
  readonly #o: Required<Omit<OutboxSenderOptions, 'worker'>>;
  readonly #routes = new Map<string, OutboxRoute>();
  readonly #inFlight = new Map<number, Promise<void>>();
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #idleWaiters: Array<() => void> = [];
  #lastRecovery = 0;

  constructor(options: OutboxSenderOptions) {
    this.worker = options.worker ?? `sender-${randomUUID().slice(0, 8)}`;
    this.#o = { concurrency: 32, batchSize: 64, holdMs: 120_000, pollIntervalMs: 1000, leaseMs: 5 * 60_000, recoveryIntervalMs: 60_000, retry: DEFAULT_RETRY_POLICY, partRetries: 3, ...options };
    for (const route of options.routes) this.#routes.set(route.transport.channel, route);
  }

  /** Starts delivering: first dead-letters what a crash interrupted, then loops until `stop()`. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run().catch((error: unknown) => this.#o.logger.error({ err: error }, 'outbox sender stopped by an error'));
  }

  /** Stops taking messages; deliveries already claimed finish, the rest stay pending for the next start. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
  }

  /** New messages were written: look now instead of at the next poll. */
  notify(): void {
    this.#wake?.();
  }

  /** Resolves the next time nothing is due and nothing is in flight; rejects after `timeoutMs`. */
  whenIdle(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`outbox not idle after ${timeoutMs} ms`)), timeoutMs);
      this.#idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.notify();
    });
  }

  async #run(): Promise<void> {
    const channels = [...this.#routes.keys()];
    while (this.#running) {
      let rows: OutboxRow[];
      try {
        await this.#recoverInterrupted();
        const now = this.#o.clock.now();
        const holdUntil = new Date(now.getTime() + this.#o.holdMs);
        rows = await this.#o.store.take(this.worker, now, holdUntil, channels, this.#o.batchSize, [...this.#inFlight.keys()]);
      } catch (error) {
        // A busy or briefly unavailable database must not stop deliveries for good.
        this.#o.logger.error({ err: error }, 'outbox query failed; retrying');
        await sleep(this.#o.pollIntervalMs);
        continue;
      }
      if (rows.length === 0) {
        if (this.#inFlight.size === 0) this.#signalIdle();
        await this.#waitForWork();
        continue;
      }
      for (const row of rows) {
        while (this.#inFlight.size >= this.#o.concurrency && this.#running) await Promise.race(this.#inFlight.values());
        if (!this.#running) break;
        const task = this.#deliver(row)
          .catch((error: unknown) => this.#o.logger.error({ err: error, message: row.id }, 'outbox delivery failed unexpectedly'))
          .finally(() => this.#inFlight.delete(row.id));
        this.#inFlight.set(row.id, task);
      }
    }
    await Promise.allSettled([...this.#inFlight.values()]);
    await this.#o.store.release(this.worker).catch((error: unknown) => this.#o.logger.warn({ err: error }, 'outbox messages held by this sender not let go; others take them when the hold lapses'));
  }

  async #waitForWork(): Promise<void> {
    await Promise.race([
      sleep(this.#o.pollIntervalMs),
      new Promise<void>((resolve) => (this.#wake = resolve)),
      ...this.#inFlight.values(),
    ]);
    this.#wake = undefined;
  }

  #signalIdle(): void {
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  async #recoverInterrupted(): Promise<void> {
    const at = Date.now();
    if (at - this.#lastRecovery < this.#o.recoveryIntervalMs) return;
    this.#lastRecovery = at;
    for (const row of await this.#o.store.deadLetterInterrupted(this.#o.clock.now())) {
      this.#o.logger.warn({ message: row.id, channel: row.channel, chat: row.chatId, kind: row.kind }, 'outbox message interrupted mid-send; dead-lettered rather than risk a duplicate');
    }
  }

  async #deliver(row: OutboxRow): Promise<void> {
    const route = this.#routes.get(row.channel);
    if (!route) return;
    let parts: unknown[];
    try {
      parts = route.transport.render(JSON.parse(row.payload) as OutboxPayload);
    } catch (error) {
      await this.#o.store.markDead(row.id, `unrenderable: ${(error as Error).message ?? String(error)}`);
      return;
    }
    if (parts.length === 0) {
      await this.#o.store.markDead(row.id, 'empty');
      return;
    }
    const claimed = await this.#claimOnTime(route, row);
    if (!claimed) return;
    for (const [index, part] of parts.entries()) {
      if (index > 0) await route.pacer.turn(row.chatId);
      route.pacer.leaving(row.chatId);
      let outcome = await route.transport.send(row.chatId, part);
      for (let retry = 1; index > 0 && retry <= this.#o.partRetries && isTransient(outcome); retry += 1) {
        outcome = await this.#retryPartLater(route, claimed, part, outcome, retry);
      }
      if (outcome.status !== 'sent') return this.#failed(claimed, route, outcome, index, parts.length);
    }
    await this.#o.store.markSent(claimed.id, this.worker, this.#o.clock.now());
  }

  /** Claims the message when its turn comes; a claim that came too late is given back for another turn. */
  async #claimOnTime(route: OutboxRoute, row: OutboxRow): Promise<OutboxRow | null> {
    for (;;) {
      const deadline = await route.pacer.turn(row.chatId);
      if (!this.#running) return null;
      const claimed = await this.#o.store.claim(row.id, this.worker, this.#o.clock.now(), this.#o.leaseMs);
      if (!claimed || performance.now() <= deadline) return claimed;
      await this.#o.store.unclaim(claimed.id, this.worker);
    }
  }

  async #retryPartLater(route: OutboxRoute, row: OutboxRow, part: unknown, outcome: SendOutcome, retry: number): Promise<SendOutcome> {
    const wait = outcome.status === 'throttled' ? outcome.retryAfterMs : retryDelayMs(retry, this.#o.retry);
    if (outcome.status === 'throttled') route.pacer.pause(outcome.retryAfterMs);
    await this.#o.store.extendClaim(row.id, this.worker, new Date(this.#o.clock.now().getTime() + this.#o.leaseMs + wait));
    await sleep(wait);
    await route.pacer.turn(row.chatId);
    route.pacer.leaving(row.chatId);
    return route.transport.send(row.chatId, part);
  }

  async #failed(row: OutboxRow, route: OutboxRoute, outcome: Exclude<SendOutcome, { status: 'sent' }>, index: number, total: number): Promise<void> {
    const { store, logger, retry } = this.#o;
    const now = this.#o.clock.now();
    const log = { message: row.id, channel: row.channel, chat: row.chatId, kind: row.kind, attempts: row.attempts, reason: outcome.reason };
    if (outcome.status === 'unreachable') {
      if (row.contactId !== null) await store.markUnreachable(row.contactId, row.channel, outcome.reason, now);
      await store.markDead(row.id, `unreachable: ${outcome.reason}`);
      logger.warn(log, 'contact unreachable on this channel; message dead-lettered');
      return;
    }
    if (outcome.status === 'permanent' || index > 0) {
      const reason = index > 0 ? `partial: part ${index + 1}/${total} not delivered: ${outcome.reason}` : `permanent: ${outcome.reason}`;
      await store.markDead(row.id, reason);
      logger.warn({ ...log, reason }, 'outbox message dead-lettered');
      return;
    }
    if (outcome.status === 'throttled') {
      route.pacer.pause(outcome.retryAfterMs);
      if (row.attempts >= retry.maxAttempts * THROTTLED_ATTEMPTS_FACTOR) {
        await store.markDead(row.id, `gave up after ${row.attempts} attempts: ${outcome.reason}`);
        return;
      }
      await store.reschedule(row.id, this.worker, 'pending', new Date(now.getTime() + outcome.retryAfterMs), outcome.reason);
      logger.warn(log, 'platform throttled a send; retried after retry_after');
      return;
    }
    if (row.attempts >= retry.maxAttempts) {
      await store.markDead(row.id, `gave up after ${row.attempts} attempts: ${outcome.reason}`);
      logger.warn(log, 'outbox message dead-lettered after its last retry');
      return;
    }
    await store.reschedule(row.id, this.worker, 'failed', new Date(now.getTime() + retryDelayMs(row.attempts, retry)), outcome.reason);
  }
}

function isTransient(outcome: SendOutcome): boolean {
  return outcome.status === 'retry' || outcome.status === 'throttled';
}
