import { existsSync, readFileSync, writeFileSync, cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../src/storage/database.ts';
import { MIGRATIONS_DIR, readMigrationFiles } from '../../src/storage/migration-files.ts';
import { applyMigrations } from '../../src/storage/migrator.ts';
import { isAppError } from '../../src/shared/app-error.ts';
import { runCli } from '../support/run-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return 'no error';
}

function snapshot(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`).all();
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type='table' ORDER BY name`).all();
    return JSON.stringify({ rows, tables });
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('should create the database, its folder and Prisma\'s migrations table', () => {
    const path = join(tempDir(), 'nested', 'folder', 'bot.db');
    const report = migrateDatabase(path);
    expect(report.applied).toEqual(readMigrationFiles().map((file) => file.name));
    const db = new Database(path, { readonly: true });
    const rows = db.prepare(`SELECT * FROM "_prisma_migrations"`).all() as Array<Record<string, unknown>>;
    db.close();
    expect(rows).toHaveLength(readMigrationFiles().length);
    for (const row of rows) {
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('should do nothing the second time', () => {
    const path = join(tempDir(), 'bot.db');
    migrateDatabase(path);
    const before = snapshot(path);
    expect(migrateDatabase(path).applied).toEqual([]);
    expect(snapshot(path)).toBe(before);
  });

  it('should turn the database to WAL mode', () => {
    const path = join(tempDir(), 'bot.db');
    migrateDatabase(path);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('should refuse a migration edited after it was applied, and write nothing', () => {
    const path = join(tempDir(), 'bot.db');
    migrateDatabase(path);
    const before = snapshot(path);
    const edited = readMigrationFiles().map((file, index) =>
      index === 0 ? { ...file, checksum: 'f'.repeat(64), sql: `${file.sql}\n-- edited` } : file,
    );
    const db = new Database(path);
    expect(codeOf(() => applyMigrations(db, edited))).toBe('storage.migration_edited');
    db.close();
    expect(snapshot(path)).toBe(before);
  });

  it('should refuse a migration that stopped half-way', () => {
    const path = join(tempDir(), 'bot.db');
    migrateDatabase(path);
    const db = new Database(path);
    db.prepare(`UPDATE "_prisma_migrations" SET finished_at = NULL`).run();
    const before = snapshot(path);
    expect(codeOf(() => applyMigrations(db, readMigrationFiles()))).toBe('storage.migration_incomplete');
    db.close();
    expect(snapshot(path)).toBe(before);
  });

  it('should refuse a database written by a newer version', () => {
    const path = join(tempDir(), 'bot.db');
    migrateDatabase(path);
    const db = new Database(path);
    db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
       VALUES ('x', 'abc', '29991231000000_from_the_future', '2999-12-31', 1)`,
    ).run();
    const before = snapshot(path);
    expect(codeOf(() => applyMigrations(db, readMigrationFiles()))).toBe('storage.database_newer');
    db.close();
    expect(snapshot(path)).toBe(before);
  });

  it('should roll back a migration that fails and record nothing for it', () => {
    const dir = tempDir();
    const migrations = join(dir, 'migrations');
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    mkdirSync(join(migrations, '29990101000000_broken'));
    writeFileSync(join(migrations, '29990101000000_broken', 'migration.sql'), 'CREATE TABLE "Half" ("a" TEXT);\nTHIS IS NOT SQL;');
    const db = new Database(join(dir, 'bot.db'));
    expect(codeOf(() => applyMigrations(db, readMigrationFiles(migrations)))).toBe('storage.migration_failed');
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'Half'`).get()).toBeUndefined();
    const names = db.prepare(`SELECT migration_name FROM "_prisma_migrations"`).all() as Array<{ migration_name: string }>;
    expect(names.map((row) => row.migration_name)).not.toContain('29990101000000_broken');
    db.close();
  });

  it('should refuse an unwritable data folder and create nothing', () => {
    const dir = tempDir();
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'a file where the data folder should be');
    expect(codeOf(() => migrateDatabase(join(blocker, 'bot.db')))).toBe('storage.folder_unwritable');
    expect(readFileSync(blocker, 'utf8')).toBe('a file where the data folder should be');
  });

  it('should match the checksum Prisma computes (SHA-256 of the file)', () => {
    const [first] = readMigrationFiles();
    expect(first?.name).toMatch(/^\d{14}_\w+$/);
    expect(existsSync(join(MIGRATIONS_DIR, 'migration_lock.toml'))).toBe(true);
  });
});

describe('db migrate command', () => {
  it('should migrate, then say there is nothing to do', async () => {
    const url = `file:${join(tempDir(), 'cli.db')}`;
    const first = await runCli(['db', 'migrate', '--json'], { DATABASE_URL: url });
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout).applied.length).toBeGreaterThan(0);
    const second = await runCli(['db', 'migrate', '--json'], { DATABASE_URL: url });
    expect(JSON.parse(second.stdout)).toMatchObject({ applied: [] });
  });

  it('should stop on a malformed DATABASE_URL, name it, and create nothing', async () => {
    const dir = tempDir();
    const result = await runCli(['db', 'migrate'], { DATABASE_URL: `sqlite://${dir}/x.db` }, dir);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stdout).toBe('');
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('should explain a database from a newer version in Vietnamese, without a stack trace', async () => {
    const path = join(tempDir(), 'newer.db');
    migrateDatabase(path);
    const db = new Database(path);
    db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
       VALUES ('x', 'abc', '29991231000000_future', '2999-12-31', 1)`,
    ).run();
    db.close();
    const result = await runCli(['db', 'migrate'], { DATABASE_URL: `file:${path}` });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('phiên bản mới hơn');
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
