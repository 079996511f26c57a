import type { OutboxCounts, OutboxDraft, OutboxRow, OutboxStore } from '../../app/outbox-ports.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { PrismaClient } from '../database.ts';

const ROW_SELECT = { id: true, contactId: true, channel: true, chatId: true, kind: true, payload: true, attempts: true } as const;
const READY = ['pending', 'failed'];
const DUE_ORDER: Prisma.OutboxMessageOrderByWithRelationInput[] = [{ nextAttemptAt: 'asc' }, { id: 'asc' }];

/** A waiting message `worker` may take: nobody holds it, it holds it, or the holder's time ran out. */
function freeFor(worker: string, now: Date): Prisma.OutboxMessageWhereInput {
  return { OR: [{ claimedBy: null }, { claimedBy: worker }, { claimedUntil: null }, { claimedUntil: { lt: now } }] };
}

/** Writes drafts inside the caller's transaction; a repeated idempotency key fails the transaction. */
export async function writeOutboxDrafts(tx: Prisma.TransactionClient, drafts: readonly OutboxDraft[], now: Date): Promise<void> {
  if (drafts.length === 0) return;
  await tx.outboxMessage.createMany({
    data: drafts.map((draft) => ({
      idempotencyKey: draft.idempotencyKey,
      contactId: draft.contactId,
      channel: draft.channel,
      chatId: draft.chatId,
      kind: draft.kind,
      payload: JSON.stringify(draft.payload),
      status: 'pending',
      nextAttemptAt: now,
      createdAt: now,
    })),
  });
}

/**
 * The outbox table. Every state change is a conditional update on the row's status (and, once
 * claimed, on the claimant), so the database decides who sends a message, whatever the number of
 * senders, and a stale sender can never overwrite a newer outcome.
 */
export class OutboxRepository implements OutboxStore {
  constructor(private readonly prisma: PrismaClient) {}

  async take(worker: string, now: Date, holdUntil: Date, channels: readonly string[], limit: number, excludeIds: readonly number[]): Promise<OutboxRow[]> {
    const ready: Prisma.OutboxMessageWhereInput = {
      status: { in: READY },
      nextAttemptAt: { lte: now },
      channel: { in: [...channels] },
      ...(excludeIds.length ? { id: { notIn: [...excludeIds] } } : {}),
      ...freeFor(worker, now),
    };
    // No hold (a single sender): what is due is simply read.
    if (holdUntil <= now) return this.prisma.outboxMessage.findMany({ where: ready, orderBy: DUE_ORDER, take: limit, select: ROW_SELECT });
    const candidates = await this.prisma.outboxMessage.findMany({ where: ready, orderBy: DUE_ORDER, take: limit, select: { id: true } });
    if (candidates.length === 0) return [];
    const ids = candidates.map((row) => row.id);
    // The same conditions again: on PostgreSQL a row another worker held meanwhile no longer matches.
    await this.prisma.outboxMessage.updateMany({ where: { AND: [ready, { id: { in: ids } }] }, data: { claimedBy: worker, claimedUntil: holdUntil } });
    return this.prisma.outboxMessage.findMany({ where: { id: { in: ids }, status: { in: READY }, claimedBy: worker }, orderBy: DUE_ORDER, select: ROW_SELECT });
  }

  async release(worker: string): Promise<void> {
    await this.prisma.outboxMessage.updateMany({ where: { status: { in: READY }, claimedBy: worker }, data: { claimedBy: null, claimedUntil: null } });
  }

  async claim(id: number, worker: string, now: Date, leaseMs: number): Promise<OutboxRow | null> {
    const [claimed] = await this.prisma.outboxMessage.updateManyAndReturn({
      where: { id, status: { in: READY }, nextAttemptAt: { lte: now }, ...freeFor(worker, now) },
      data: { status: 'sending', claimedBy: worker, claimedUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
      select: ROW_SELECT,
    });
    return claimed ?? null;
  }

  async unclaim(id: number, worker: string): Promise<void> {
    await this.prisma.outboxMessage.updateMany({ where: { id, status: 'sending', claimedBy: worker }, data: { status: 'pending', attempts: { decrement: 1 } } });
  }

  async extendClaim(id: number, worker: string, until: Date): Promise<void> {
    await this.prisma.outboxMessage.updateMany({ where: { id, status: 'sending', claimedBy: worker }, data: { claimedUntil: until } });
  }

  async markSent(id: number, worker: string, now: Date): Promise<void> {
    await this.prisma.outboxMessage.updateMany({
      where: { id, status: 'sending', claimedBy: worker },
      data: { status: 'sent', sentAt: now, claimedUntil: null, lastError: null },
    });
  }

  async reschedule(id: number, worker: string, status: 'pending' | 'failed', nextAttemptAt: Date, error: string): Promise<void> {
    await this.prisma.outboxMessage.updateMany({
      where: { id, status: 'sending', claimedBy: worker },
      data: { status, nextAttemptAt, lastError: error.slice(0, 500), claimedBy: null, claimedUntil: null },
    });
  }

  async markDead(id: number, reason: string): Promise<void> {
    await this.prisma.outboxMessage.updateMany({
      where: { id, status: { not: 'sent' } },
      data: { status: 'dead', lastError: reason.slice(0, 500), claimedUntil: null },
    });
  }

  async markUnreachable(contactId: number, channel: string, reason: string, now: Date): Promise<void> {
    await this.prisma.channelIdentity.updateMany({ where: { contactId, channel }, data: { unreachableAt: now, unreachableReason: reason } });
  }

  async deadLetterInterrupted(now: Date): Promise<Array<{ id: number; channel: string; chatId: string; kind: string }>> {
    const stale = await this.prisma.outboxMessage.findMany({
      where: { status: 'sending', claimedUntil: { lt: now } },
      select: { id: true, channel: true, chatId: true, kind: true },
    });
    const moved: typeof stale = [];
    for (const row of stale) {
      const result = await this.prisma.outboxMessage.updateMany({
        where: { id: row.id, status: 'sending', claimedUntil: { lt: now } },
        data: { status: 'dead', lastError: 'interrupted', claimedUntil: null },
      });
      if (result.count === 1) moved.push(row);
    }
    return moved;
  }

  /** How many messages are in each state. */
  async counts(): Promise<OutboxCounts> {
    const groups = await this.prisma.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } });
    const counts: OutboxCounts = { pending: 0, sending: 0, sent: 0, failed: 0, dead: 0 };
    for (const group of groups) if (group.status in counts) counts[group.status as keyof OutboxCounts] = group._count._all;
    return counts;
  }

  /** The latest dead letters, newest first, with their reasons. */
  async recentDead(limit: number): Promise<Array<{ id: number; kind: string; channel: string; contactId: number | null; reason: string; createdAt: Date }>> {
    const rows = await this.prisma.outboxMessage.findMany({
      where: { status: 'dead' },
      orderBy: { id: 'desc' },
      take: limit,
      select: { id: true, kind: true, channel: true, contactId: true, lastError: true, createdAt: true },
    });
    return rows.map((row) => ({ id: row.id, kind: row.kind, channel: row.channel, contactId: row.contactId, reason: row.lastError ?? '', createdAt: row.createdAt }));
  }
}
