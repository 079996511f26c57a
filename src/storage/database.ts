import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.ts';
import { readMigrationFiles } from './migration-files.ts';
import { applyMigrations, type MigrationReport } from './migrator.ts';
import { ensureWritableFolder, openSqlite } from './sqlite-file.ts';

export type { PrismaClient };

/** Applies the shipped migrations to the database file, creating it (and its folder) if needed. */
export function migrateDatabase(databasePath: string): MigrationReport {
  ensureWritableFolder(databasePath);
  const db = openSqlite(databasePath);
  try {
    return applyMigrations(db, readMigrationFiles());
  } finally {
    db.close();
  }
}

/**
 * The Prisma client over the SQLite file. Prisma opens its own connection through the driver adapter;
 * better-sqlite3 enforces foreign keys by default and `timeout` is its busy timeout. WAL mode was set on
 * the file by the migration step and persists in it.
 */
export function createPrismaClient(databasePath: string): PrismaClient {
  const adapter = new PrismaBetterSqlite3({ url: `file:${databasePath}`, timeout: 5000 });
  return new PrismaClient({ adapter });
}

/** Whether the database answers a trivial query; for the health check. */
export async function isDatabaseReachable(prisma: PrismaClient): Promise<boolean> {
  try {
    await prisma.unit.count({ take: 1 });
    return true;
  } catch {
    return false;
  }
}
