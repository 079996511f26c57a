import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { isPostgresUrl, sqlitePathOf } from '../config.ts';
import { PrismaClient } from '../generated/prisma/client.ts';
import { MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR, readMigrationFiles } from './migration-files.ts';
import { applyMigrations, type MigrationReport } from './migrator.ts';
import { ensureWritableFolder, openSqlite } from './sqlite-file.ts';
import { countQuery } from './sql-counters.ts';

export type { PrismaClient };

/** Applies the shipped migrations to the SQLite file, creating it (and its folder) if needed. */
export function migrateDatabase(databasePath: string): MigrationReport {
  ensureWritableFolder(databasePath);
  const db = openSqlite(databasePath);
  try {
    return applyMigrations(db, readMigrationFiles(MIGRATIONS_DIR));
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
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (event) => countQuery(event.query));
  return client;
}

/**
 * The Prisma client over PostgreSQL. Both clients are generated from the same schema, so they have the
 * same API; the PostgreSQL one is used through the SQLite one's type. Its modules (the driver, the
 * client and its query compiler) are loaded only here, so a process on SQLite never holds them.
 */
export async function createPostgresPrismaClient(url: string): Promise<PrismaClient> {
  const [{ PrismaPg }, { PrismaClient: PostgresPrismaClient }] = await Promise.all([import('@prisma/adapter-pg'), import('../generated/prisma-postgresql/client.ts')]);
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  // No query events here: on PostgreSQL the send slots of several workers make thousands of small queries
  // a second, and the events cost more than the queries. `/metrics` counts SQL statements on SQLite.
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
}

/** Migrates whichever database DATABASE_URL names, and opens it. */
export async function openDatabase(databaseUrl: string): Promise<{ prisma: PrismaClient; report: MigrationReport }> {
  if (isPostgresUrl(databaseUrl)) {
    const report = await migratePostgres(databaseUrl);
    return { prisma: await createPostgresPrismaClient(databaseUrl), report };
  }
  const path = sqlitePathOf(databaseUrl);
  const report = migrateDatabase(path);
  return { prisma: createPrismaClient(path), report };
}

/** Migrates without opening: `db migrate`. */
export async function migrateDatabaseUrl(databaseUrl: string): Promise<MigrationReport> {
  if (isPostgresUrl(databaseUrl)) return migratePostgres(databaseUrl);
  return migrateDatabase(sqlitePathOf(databaseUrl));
}

async function migratePostgres(databaseUrl: string): Promise<MigrationReport> {
  const { applyPostgresMigrations } = await import('./postgres-migrator.ts');
  return applyPostgresMigrations(databaseUrl, readMigrationFiles(POSTGRES_MIGRATIONS_DIR));
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
