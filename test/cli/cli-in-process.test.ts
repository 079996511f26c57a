import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dir.ts';
import { runCli } from '../support/run-process.ts';

const tempDir = useTempDirs();

/**
 * The command line run in-process, as the tests run it: everything goes through the io it is given
 * (environment, folder, output, exit code), nothing through the process's own, and two runs over two
 * databases in one process do not see each other's.
 */
describe('the command line in-process', () => {
  it('should answer the exit code in the result and leave the process exit code alone', async () => {
    const before = process.exitCode;
    const refused = await runCli(['invite', 'create', '--unit', 'STP', '--role', 'boss'], { BOT_LOCALE: 'en' }, tempDir());
    expect(refused.status).toBe(1);
    expect(process.exitCode).toBe(before);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('--role');
    expect(refused.stderr).toContain('“boss”');
  });

  it('should answer 0 for help, printed on its own standard output', async () => {
    const help = await runCli(['units', 'import', '--help'], { BOT_LOCALE: 'en' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('parent_code');
    expect(help.stderr).toBe('');
  });

  it("should read .env in the io's folder and take a relative database file from there", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.env'), 'DATABASE_URL=file:./data/here.db\nBOT_LOCALE=en\n');
    const migrated = await runCli(['db', 'migrate'], {}, dir);
    expect(migrated.status, migrated.stderr).toBe(0);
    expect(migrated.stdout).toMatch(/^Database migrated: /);
    expect(existsSync(join(dir, 'data', 'here.db'))).toBe(true);
  });

  it("should take a relative --out from the io's folder", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'out'));
    const env = { DATABASE_URL: `file:${join(dir, 'bot.db')}` };
    expect((await runCli(['seed', 'demo', '--json'], env)).status).toBe(0);
    const exported = await runCli(['export', '--form', 'monthly_figures', '--period', '2026-10', '--out', join('out', 'x.xlsx'), '--json'], env, dir);
    expect(exported.status, exported.stderr).toBe(0);
    expect(existsSync(join(dir, 'out', 'x.xlsx'))).toBe(true);
  });

  it('should keep two databases apart across runs in one process', async () => {
    const seeded = { DATABASE_URL: `file:${join(tempDir(), 'a.db')}` };
    const empty = { DATABASE_URL: `file:${join(tempDir(), 'b.db')}` };
    expect((await runCli(['seed', 'demo', '--json'], seeded)).status).toBe(0);
    expect(JSON.parse((await runCli(['units', 'list', '--json'], empty)).stdout)).toEqual([]);
    expect(JSON.parse((await runCli(['units', 'list', '--json'], seeded)).stdout).length).toBeGreaterThan(0);
  });
});
