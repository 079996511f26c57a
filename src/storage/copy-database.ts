import type { PrismaClient } from './database.ts';

/**
 * The tables in an order where every row's references are copied before it. Units reference units,
 * so they are copied parents first (see `unitsParentsFirst`).
 */
export const COPY_ORDER = [
  'unit',
  'contact',
  'role',
  'channelIdentity',
  'invite',
  'form',
  'formVersion',
  'period',
  'submission',
  'submissionRevision',
  'dialogState',
  'inboundUpdate',
  'outboxMessage',
  'jobRun',
  'auditLog',
] as const;

export type CopiedTable = (typeof COPY_ORDER)[number];

const BATCH = 500;

type Row = Record<string, unknown>;
interface Delegate {
  count(): Promise<number>;
  findMany(args: { skip: number; take: number; orderBy: Row }): Promise<Row[]>;
  createMany(args: { data: Row[] }): Promise<{ count: number }>;
}

/** Primary key to order by when paging through a table. */
function orderOf(table: CopiedTable): Row {
  return table === 'dialogState' ? { contactId: 'asc' } : table === 'form' ? { id: 'asc' } : { id: 'asc' };
}

/** Units sorted so that a parent always comes before its children, whatever their ids. */
export function unitsParentsFirst(rows: Row[]): Row[] {
  const byId = new Map(rows.map((row) => [row.id as number, row]));
  const placed = new Set<number>();
  const ordered: Row[] = [];
  const place = (row: Row, depth: number) => {
    const id = row.id as number;
    if (placed.has(id) || depth > rows.length) return;
    const parent = row.parentId === null ? undefined : byId.get(row.parentId as number);
    if (parent) place(parent, depth + 1);
    placed.add(id);
    ordered.push(row);
  };
  for (const row of rows) place(row, 0);
  return ordered;
}

export interface CopyReport {
  tables: Array<{ table: CopiedTable; source: number; target: number }>;
  ok: boolean;
}

/**
 * Copies every row from one database to another empty one of the same schema (SQLite to PostgreSQL,
 * or back), keeping ids so every reference stays right, then counts both sides table by table.
 * `afterCopy` lets the caller fix what ids imply on the target (PostgreSQL's sequences).
 */
export async function copyDatabase(
  source: PrismaClient,
  target: PrismaClient,
  options: { onProgress?: (done: number, total: number, table: CopiedTable) => void; afterCopy?: (table: CopiedTable) => Promise<void> } = {},
): Promise<CopyReport> {
  const delegate = (client: PrismaClient, table: CopiedTable) => (client as unknown as Record<CopiedTable, Delegate>)[table];
  const totals = await Promise.all(COPY_ORDER.map((table) => delegate(source, table).count()));
  const total = totals.reduce((sum, n) => sum + n, 0);
  let done = 0;
  for (const table of COPY_ORDER) {
    const from = delegate(source, table);
    const to = delegate(target, table);
    if (table === 'unit') {
      const rows = await from.findMany({ skip: 0, take: Number.MAX_SAFE_INTEGER, orderBy: orderOf(table) });
      for (const row of unitsParentsFirst(rows)) {
        await to.createMany({ data: [row] });
        done += 1;
        if (done % 50 === 0) options.onProgress?.(done, total, table);
      }
    } else {
      for (let skip = 0; ; skip += BATCH) {
        const rows = await from.findMany({ skip, take: BATCH, orderBy: orderOf(table) });
        if (rows.length === 0) break;
        await to.createMany({ data: rows });
        done += rows.length;
        options.onProgress?.(done, total, table);
      }
    }
    await options.afterCopy?.(table);
  }
  options.onProgress?.(total, total, 'auditLog');
  const tables = await Promise.all(
    COPY_ORDER.map(async (table, index) => ({ table, source: totals[index] ?? 0, target: await delegate(target, table).count() })),
  );
  return { tables, ok: tables.every((row) => row.source === row.target) };
}

/** Tables with an autoincrement id: on PostgreSQL their sequences must move past the copied ids. */
export const TABLES_WITH_SERIAL_ID: Partial<Record<CopiedTable, string>> = {
  unit: 'Unit',
  contact: 'Contact',
  role: 'Role',
  channelIdentity: 'ChannelIdentity',
  invite: 'Invite',
  formVersion: 'FormVersion',
  period: 'Period',
  submission: 'Submission',
  submissionRevision: 'SubmissionRevision',
  inboundUpdate: 'InboundUpdate',
  outboxMessage: 'OutboxMessage',
  jobRun: 'JobRun',
  auditLog: 'AuditLog',
};
