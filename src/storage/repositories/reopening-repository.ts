import type { ReopeningRecord, ReopeningStore } from '../../app/review/reopen-ports.ts';
import type { ReopenedPeriod } from '../../app/inbound/inbound-store.ts';
import type { PrismaClient } from '../database.ts';
import { writeAudit } from './audit-repository.ts';
import { writeOutboxDrafts } from './outbox-repository.ts';

/** Closed periods reopened per unit; a change raises the directory's version (trigger), so chats see it at once. */
export class ReopeningRepository implements ReopeningStore {
  constructor(private readonly prisma: PrismaClient) {}

  async reopen(input: Parameters<ReopeningStore['reopen']>[0]): Promise<void> {
    const key = { formId: input.formId, periodKey: input.periodKey, unitId: input.unitId };
    await this.prisma.$transaction(async (tx) => {
      await tx.periodReopening.upsert({
        where: { formId_periodKey_unitId: key },
        create: { ...key, until: input.until, createdBy: input.actor, createdAt: input.now },
        update: { until: input.until, createdBy: input.actor },
      });
      await writeAudit(tx, [{ actor: input.actor, action: 'period.reopen', entity: 'period', entityId: `${input.formId}:${input.periodKey}`, detail: { unitId: input.unitId, until: input.until.toISOString() } }], input.now);
      // The same reopening written again (same date) tells nobody twice.
      const known = await tx.outboxMessage.findMany({ where: { idempotencyKey: { in: input.notices.map((n) => n.idempotencyKey) } }, select: { idempotencyKey: true } });
      await writeOutboxDrafts(tx, input.notices.filter((n) => !known.some((k) => k.idempotencyKey === n.idempotencyKey)), input.now);
    });
  }

  async list(formId: string): Promise<ReopeningRecord[]> {
    const rows = await this.prisma.periodReopening.findMany({ where: { formId }, orderBy: [{ periodKey: 'asc' }, { unitId: 'asc' }] });
    const units = await this.prisma.unit.findMany({ where: { id: { in: rows.map((row) => row.unitId) } }, select: { id: true, code: true } });
    return rows.map((row) => ({ formId, periodKey: row.periodKey, unitId: row.unitId, unitCode: units.find((u) => u.id === row.unitId)?.code ?? String(row.unitId), until: row.until, createdBy: row.createdBy }));
  }
}

/** The periods reopened for any of these units (what /baocao may offer a reporter of them). */
export async function reopenedForUnits(prisma: PrismaClient, unitIds: readonly number[]): Promise<ReopenedPeriod[]> {
  if (unitIds.length === 0) return [];
  return prisma.periodReopening.findMany({ where: { unitId: { in: [...unitIds] } }, select: { unitId: true, formId: true, periodKey: true, until: true } });
}
