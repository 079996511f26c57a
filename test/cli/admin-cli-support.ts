import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { PROJECT_ROOT, runCli } from '../support/run-process.ts';

export const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'admin');

/** Every case runs the command line several times (in-process), some with thousands of rows. */
export const SLOW = { timeout: 120_000 };

/** A database with the demo province in a fresh folder, and a command line runner over it. */
export async function demoCli(dir: string, locale = 'vi') {
  const path = join(dir, 'bot.db');
  const env = { DATABASE_URL: `file:${path}`, BOT_LOCALE: locale };
  const cli = (...args: string[]) => runCli(args, env);
  const seeded = await cli('seed', 'demo', '--json');
  expect(seeded.status, seeded.stderr).toBe(0);
  return { dir, path, cli };
}

/** A command's standard output as JSON, or a failure that shows what it printed instead. */
export function json(result: { stdout: string; stderr: string; status: number | null }): any {
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`not JSON (status ${result.status}): ${result.stdout}\n${result.stderr}`);
  }
}

/** The audit entries of one action, oldest first. */
export function audit(path: string, action: string): Array<{ actor: string; entity: string; entityId: string | null; detail: string | null }> {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(`SELECT actor, entity, entityId, detail FROM "AuditLog" WHERE action = ? ORDER BY id`).all(action) as never;
  } finally {
    db.close();
  }
}
