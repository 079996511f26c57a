import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../shared/app-error.ts';
import type { MigrationFile } from './migration-files.ts';
import { pendingMigrations, type AppliedMigration } from './migration-plan.ts';

/** The table Prisma Migrate keeps on SQLite; the same shape, so `prisma migrate status` agrees with us. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Checks what the database has against the shipped migrations, then applies the missing ones, each in
 * its own transaction. Every check runs before anything is written, so a refused database is left
 * exactly as it was.
 */
export function applyMigrations(db: BetterSqlite3.Database, files: MigrationFile[], now = () => new Date()): MigrationReport {
  const hasTable = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`)
    .get();
  const rows: AppliedMigration[] = hasTable
    ? (db
        .prepare(
          `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
        )
        .all() as AppliedMigration[])
    : [];
  const { pending, done } = pendingMigrations(rows, files);
  if (pending.length === 0) return { applied: [], alreadyApplied: done };

  db.exec(CREATE_MIGRATIONS_TABLE);
  const insert = db.prepare(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
     VALUES (?, ?, ?, ?, ?, 1)`,
  );
  for (const file of pending) {
    const apply = db.transaction(() => {
      const startedAt = now().toISOString();
      db.exec(file.sql);
      insert.run(randomUUID(), file.checksum, file.name, startedAt, now().toISOString());
    });
    try {
      apply();
    } catch (error) {
      throw new AppError('storage.migration_failed', { migration: file.name }, { cause: error });
    }
  }
  return { applied: pending.map((file) => file.name), alreadyApplied: done };
}
