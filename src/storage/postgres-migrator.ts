import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AppError } from '../shared/app-error.ts';
import type { MigrationFile } from './migration-files.ts';
import { pendingMigrations, type AppliedMigration } from './migration-plan.ts';
import type { MigrationReport } from './migrator.ts';

/** The table Prisma Migrate keeps on PostgreSQL, in its own shape. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Any constant works; all the bot's processes use the same one, so only one of them migrates at a time. */
const MIGRATION_LOCK = 26_2023;

/**
 * Applies the shipped PostgreSQL migrations, each in its own transaction, under an advisory lock so
 * that several workers starting together neither race nor apply anything twice.
 */
export async function applyPostgresMigrations(url: string, files: MigrationFile[]): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new AppError('storage.postgres_unreachable', { host: safeHost(url) }, { cause: error });
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const exists = await client.query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
    const rows: AppliedMigration[] = exists.rows[0]?.present
      ? (await client.query(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`)).rows
      : [];
    const { pending, done } = pendingMigrations(rows, files);
    if (pending.length === 0) return { applied: [], alreadyApplied: done };
    await client.query(CREATE_MIGRATIONS_TABLE);
    for (const file of pending) {
      try {
        await client.query('BEGIN');
        const startedAt = new Date();
        await client.query(file.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, $4, now(), 1)`,
          [randomUUID(), file.checksum, file.name, startedAt],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new AppError('storage.migration_failed', { migration: file.name }, { cause: error });
      }
    }
    return { applied: pending.map((file) => file.name), alreadyApplied: done };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** The host and port of a URL, for messages: never the password. */
export function safeHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}`;
  } catch {
    return '?';
  }
}
