import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../shared/app-error.ts';

/**
 * Makes sure the folder of the database file exists and can be written, before anything is opened, so
 * a wrong path stops the program with a clear message instead of an SQLite error later.
 */
export function ensureWritableFolder(databasePath: string): void {
  const folder = dirname(resolve(databasePath));
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
    const probe = resolve(folder, `.write-check-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    throw new AppError('storage.folder_unwritable', { folder }, { cause: error });
  }
}

/**
 * Opens the SQLite file with the settings the product relies on: WAL for concurrent readers, foreign
 * keys enforced, and a busy timeout so short lock waits are absorbed rather than failing.
 */
export function openSqlite(databasePath: string): Database.Database {
  const db = new Database(databasePath, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  return db;
}
