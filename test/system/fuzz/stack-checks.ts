/**
 * What must hold of the database after a storm of odd updates: every dialog state row still loads as
 * the conversation it holds, and no stored update is left pending (never handled) or failed (the
 * handler threw).
 */
import { expect } from 'vitest';
import type { PrismaClient } from '../../../src/storage/database.ts';
import { expectStoredStateLoads } from './dialog-states.ts';

/** Asserts every DialogState row loads; returns how many there are. */
export async function expectEveryStateLoads(prisma: PrismaClient): Promise<number> {
  const rows = await prisma.dialogState.findMany();
  for (const row of rows) expectStoredStateLoads(row.state);
  return rows.length;
}

/** Inbound updates by status, e.g. `{ done: 412 }`. */
export async function inboundByStatus(prisma: PrismaClient): Promise<Record<string, number>> {
  const groups = await prisma.inboundUpdate.groupBy({ by: ['status'], _count: { _all: true } });
  return Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
}

/** Asserts no stored update is pending or failed; shows a few of the offending payloads when some are. */
export async function expectEveryUpdateHandled(prisma: PrismaClient): Promise<void> {
  const bad = await prisma.inboundUpdate.findMany({ where: { status: { in: ['pending', 'failed'] } }, take: 3 });
  expect(bad.map((row) => `${row.status}: ${row.updateKey} ${(row.payload ?? '').slice(0, 400)}`)).toEqual([]);
}
