/**
 * Fills a migrated and seeded database with many units and contacts at once (createMany or raw SQLite,
 * explicit ids), for benchmarks: each contact reports for its own unit, reachable on Telegram and, for every
 * other one, on Zalo.
 */
import type { PrismaClient } from '../../src/storage/database.ts';
import { openSqlite } from '../../src/storage/sqlite-file.ts';

/** One contact as a channel sees it. */
export interface BenchContact {
  contactId: number;
  telegramUserId: number;
  zaloUserId: string | null;
}

const BATCH = 2_000;

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await insert(rows.slice(start, start + BATCH));
}

/**
 * Adds `count` contacts, one unit per `contactsPerUnit` of them under the province, each contact a
 * reporter of its unit (every 50th a supervisor of it as well). Telegram user ids start at `firstUserId`.
 */
export async function addContacts(prisma: PrismaClient, count: number, options: { firstUserId: number; contactsPerUnit?: number }): Promise<BenchContact[]> {
  const perUnit = options.contactsPerUnit ?? 1;
  const root = await prisma.unit.findFirstOrThrow({ where: { parentId: null } });
  const unitBase = ((await prisma.unit.aggregate({ _max: { id: true } }))._max.id ?? 0) + 1;
  const contactBase = ((await prisma.contact.aggregate({ _max: { id: true } }))._max.id ?? 0) + 1;
  const unitCount = Math.ceil(count / perUnit);
  const units = Array.from({ length: unitCount }, (_, i) => ({ id: unitBase + i, code: `BENCH${unitBase + i}`, name: `Đơn vị thử ${i + 1}`, kind: 'agency', parentId: root.id }));
  const contacts: BenchContact[] = [];
  const contactRows = [];
  const roleRows = [];
  const identityRows = [];
  for (let i = 0; i < count; i += 1) {
    const id = contactBase + i;
    const unitId = unitBase + Math.floor(i / perUnit);
    const telegramUserId = options.firstUserId + i;
    const zaloUserId = i % 2 === 0 ? `zb${telegramUserId}` : null;
    contacts.push({ contactId: id, telegramUserId, zaloUserId });
    contactRows.push({ id, name: `Người báo cáo ${i + 1}`, locale: 'vi' });
    roleRows.push({ contactId: id, unitId, role: 'reporter' });
    if (i % 50 === 0) roleRows.push({ contactId: id, unitId, role: 'supervisor' });
    identityRows.push({ contactId: id, channel: 'telegram', userId: String(telegramUserId), chatId: String(telegramUserId), displayName: `Người ${i + 1}` });
    if (zaloUserId !== null) identityRows.push({ contactId: id, channel: 'zalo', userId: zaloUserId, chatId: zaloUserId, displayName: `Người ${i + 1}` });
  }
  await inBatches(units, (batch) => prisma.unit.createMany({ data: batch }));
  await inBatches(contactRows, (batch) => prisma.contact.createMany({ data: batch }));
  await inBatches(roleRows, (batch) => prisma.role.createMany({ data: batch }));
  await inBatches(identityRows, (batch) => prisma.channelIdentity.createMany({ data: batch }));
  return contacts;
}

/** The texts of a complete weekly report, from /baocao to the confirmation. */
export const WEEKLY_REPORT_SCRIPT: readonly string[] = ['/baocao', '1', '2', '1', 'Tổ chức hội nghị quán triệt Nghị quyết', '/boqua', 'OK'];

/** The value at fraction `q` (0–1) of sorted numbers; 0 for none. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/**
 * The same population written straight into an SQLite file with prepared statements in one
 * transaction, before any Prisma client is open: fast, and it leaves the process's memory untouched.
 */
export function addContactsToSqliteFile(databasePath: string, count: number, options: { firstUserId: number; contactsPerUnit?: number }): BenchContact[] {
  const perUnit = options.contactsPerUnit ?? 1;
  const db = openSqlite(databasePath);
  try {
    const now = new Date().toISOString().replace('Z', '+00:00');
    const root = db.prepare('SELECT id FROM "Unit" WHERE parentId IS NULL ORDER BY id LIMIT 1').get() as { id: number };
    const unitBase = ((db.prepare('SELECT MAX(id) AS id FROM "Unit"').get() as { id: number | null }).id ?? 0) + 1;
    const contactBase = ((db.prepare('SELECT MAX(id) AS id FROM "Contact"').get() as { id: number | null }).id ?? 0) + 1;
    const insertUnit = db.prepare('INSERT INTO "Unit" (id, code, name, kind, parentId, active, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 1, ?, ?)');
    const insertContact = db.prepare('INSERT INTO "Contact" (id, name, locale, active, createdAt, updatedAt) VALUES (?, ?, ?, 1, ?, ?)');
    const insertRole = db.prepare('INSERT INTO "Role" (contactId, unitId, role, createdAt) VALUES (?, ?, ?, ?)');
    const insertIdentity = db.prepare('INSERT INTO "ChannelIdentity" (contactId, channel, userId, chatId, displayName, lastSeenAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const contacts: BenchContact[] = [];
    db.transaction(() => {
      for (let u = 0; u < Math.ceil(count / perUnit); u += 1) insertUnit.run(unitBase + u, `BENCH${unitBase + u}`, `Đơn vị thử ${u + 1}`, 'agency', root.id, now, now);
      for (let i = 0; i < count; i += 1) {
        const id = contactBase + i;
        const unitId = unitBase + Math.floor(i / perUnit);
        const telegramUserId = options.firstUserId + i;
        const zaloUserId = i % 2 === 0 ? `zb${telegramUserId}` : null;
        contacts.push({ contactId: id, telegramUserId, zaloUserId });
        insertContact.run(id, `Người báo cáo ${i + 1}`, 'vi', now, now);
        insertRole.run(id, unitId, 'reporter', now);
        if (i % 50 === 0) insertRole.run(id, unitId, 'supervisor', now);
        insertIdentity.run(id, 'telegram', String(telegramUserId), String(telegramUserId), `Người ${i + 1}`, now, now);
        if (zaloUserId !== null) insertIdentity.run(id, 'zalo', zaloUserId, zaloUserId, `Người ${i + 1}`, now, now);
      }
    })();
    return contacts;
  } finally {
    db.close();
  }
}
