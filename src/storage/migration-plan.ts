import { AppError } from '../shared/app-error.ts';
import type { MigrationFile } from './migration-files.ts';

/** A row of `_prisma_migrations`, as far as the checks need it. */
export interface AppliedMigration {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/**
 * Compares what a database has applied with the migrations this program ships, before anything is
 * written, and returns the ones still to apply. Refuses a database written by a newer version, a
 * migration left half-applied, and one edited after it was applied.
 */
export function pendingMigrations(applied: AppliedMigration[], files: MigrationFile[]): { pending: MigrationFile[]; done: number } {
  const live = applied.filter((row) => row.rolled_back_at === null);
  const known = new Map(files.map((file) => [file.name, file]));
  for (const row of live) {
    const file = known.get(row.migration_name);
    if (!file) throw new AppError('storage.database_newer', { migration: row.migration_name });
    if (row.finished_at === null) throw new AppError('storage.migration_incomplete', { migration: row.migration_name });
    if (row.checksum !== file.checksum) throw new AppError('storage.migration_edited', { migration: row.migration_name });
  }
  const done = new Set(live.map((row) => row.migration_name));
  return { pending: files.filter((file) => !done.has(file.name)), done: done.size };
}
