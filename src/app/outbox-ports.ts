import type { OutboxPayload } from './outbox-payload.ts';

/** The channels an outbox message can go to; the terminal chat never receives one. */
export type OutboxChannel = 'telegram' | 'zalo';

/** What a scheduled message is, for counting and for the operator. */
export type OutboxKind = 'notice' | 'reminder' | 'escalation' | 'digest' | 'report';

/** A message decided but not yet written: the wave commits it together with its job run. */
export interface OutboxDraft {
  /** Unique: writing the same decision twice is refused by the database. */
  idempotencyKey: string;
  contactId: number;
  channel: OutboxChannel;
  chatId: string;
  kind: OutboxKind;
  payload: OutboxPayload;
}

/** A stored outbox message as the sender sees it. */
export interface OutboxRow {
  id: number;
  contactId: number | null;
  channel: string;
  chatId: string;
  kind: string;
  payload: string;
  attempts: number;
}

/** How one platform call ended, in the terms the sender decides on. */
export type SendOutcome =
  | { status: 'sent' }
  /** 429: wait `retryAfterMs`, then try again; not the message's fault. */
  | { status: 'throttled'; retryAfterMs: number; reason: string }
  /** 5xx, network: try again later with backoff. */
  | { status: 'retry'; reason: string }
  /** Blocked, deactivated: the contact cannot be reached on this channel; never retried. */
  | { status: 'unreachable'; reason: string }
  /** The platform refuses this message for good (400 and the like). */
  | { status: 'permanent'; reason: string };

/**
 * One platform's half of the outbox: render a stored payload into the calls it needs (text parts,
 * photos, documents) and make one call, telling how it went. Implemented in each channel's folder.
 */
export interface OutboxTransport<Part = unknown> {
  readonly channel: OutboxChannel;
  render(payload: OutboxPayload): Part[];
  send(chatId: string, part: Part): Promise<SendOutcome>;
}

/** Counts per status, for the operator. */
export type OutboxCounts = Record<'pending' | 'sending' | 'sent' | 'failed' | 'dead', number>;

/**
 * The outbox table, as the sender uses it. Claims are conditional updates made by the database,
 * so two senders (or a restarted one) never deliver the same message.
 */
export interface OutboxStore {
  /**
   * Holds up to `limit` messages ready to go (pending, or failed and due again), oldest first, for
   * `worker` until `holdUntil`, and returns them. A message another worker holds is left alone until
   * its hold lapses, so several workers share a wave instead of racing over the same messages.
   * `holdUntil` not after `now`: nothing is held (one sender alone).
   */
  take(worker: string, now: Date, holdUntil: Date, channels: readonly string[], limit: number, excludeIds: readonly number[]): Promise<OutboxRow[]>;
  /** Lets go of what `worker` holds and has not sent, for the other workers (a clean stop). */
  release(worker: string): Promise<void>;
  /** pending|failed → sending, only if nobody else did it or holds it; null when the claim was lost. */
  claim(id: number, worker: string, now: Date, leaseMs: number): Promise<OutboxRow | null>;
  /** sending → pending, attempt not counted: the claimant was held up and did not call the platform. */
  unclaim(id: number, worker: string): Promise<void>;
  /** Keeps a long delivery's claim alive. */
  extendClaim(id: number, worker: string, until: Date): Promise<void>;
  markSent(id: number, worker: string, now: Date): Promise<void>;
  /** Back to the queue: `pending` after throttling, `failed` after an error worth retrying. */
  reschedule(id: number, worker: string, status: 'pending' | 'failed', nextAttemptAt: Date, error: string): Promise<void>;
  /** Gives up on a message, with the reason. */
  markDead(id: number, reason: string): Promise<void>;
  /** Records that a contact cannot be reached on a channel (blocked, deactivated). */
  markUnreachable(contactId: number, channel: string, reason: string, now: Date): Promise<void>;
  /**
   * Messages left in `sending` by a crashed sender (claim expired) may or may not have reached the
   * platform: they are dead-lettered as `interrupted` rather than risk a duplicate. Returns them.
   */
  deadLetterInterrupted(now: Date): Promise<Array<{ id: number; channel: string; chatId: string; kind: string }>>;
}

/**
 * The platforms' send budget kept in the database, shared by every worker on it. Times are the
 * database's own, so workers on different machines agree without trusting each other's clocks.
 */
export interface SharedSendBudget {
  /**
   * Reserves the next free slot of `bucket` (slots `gapMs` apart) and, for the same moment, marks
   * the chat's bucket unless another send to it is marked less than `chatGapMs` before. Answers how
   * long to wait for the slot and whether the chat was free; a slot whose chat was not is wasted.
   */
  reserve(bucket: string, gapMs: number, chatBucket: string, chatGapMs: number): Promise<{ waitMs: number; chatFree: boolean }>;
  /** Forgets buckets not used for `idleMs`. */
  prune(idleMs: number): Promise<void>;
}
