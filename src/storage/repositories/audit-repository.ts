import type { Prisma } from '../../generated/prisma/client.ts';
import type { PrismaClient } from '../database.ts';

/** One change an admin made: who (`cli`, `contact:<id>`), what (action, entity, id) and a JSON detail. */
export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  detail?: unknown;
}

/** An entry as stored, with its time and its detail parsed back. */
export interface AuditRecord {
  id: number;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
}

/** The row to insert for an entry; the same `at` for every entry of one change keeps them together. */
export function auditRow(entry: AuditEntry, at: Date): Prisma.AuditLogCreateManyInput {
  return {
    at,
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
  };
}

/** Writes entries inside a caller's transaction, in batches, so an import's changes and its audit commit together. */
export async function writeAudit(tx: Prisma.TransactionClient, entries: AuditEntry[], at: Date): Promise<void> {
  for (let start = 0; start < entries.length; start += 500) {
    await tx.auditLog.createMany({ data: entries.slice(start, start + 500).map((entry) => auditRow(entry, at)) });
  }
}

/** The audit log: who changed what, and when; read by admins and tests. */
export class AuditRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async record(entries: AuditEntry[], at = new Date()): Promise<void> {
    await this.prisma.$transaction((tx) => writeAudit(tx, entries, at));
  }

  /** Entries, oldest first, optionally of one action or one actor. */
  async list(filter: { action?: string; actor?: string } = {}): Promise<AuditRecord[]> {
    const rows = await this.prisma.auditLog.findMany({ where: { action: filter.action, actor: filter.actor }, orderBy: { id: 'asc' } });
    return rows.map((row) => ({ ...row, detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown) }));
  }
}
