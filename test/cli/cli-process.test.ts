import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dir.ts';
import { runCli, spawnCli } from '../support/run-process.ts';

const tempDir = useTempDirs();

/**
 * The other command-line tests run it in-process; these run `npm run cli`'s compiled entry as a real
 * process, to prove what only the process shows: its exit code, and what lands on each stream.
 */
describe('the command line as a process', () => {
  it('should print only JSON on standard output for a read command with --json, and fail with the reason on standard error', { timeout: 120_000 }, async () => {
    const env = { DATABASE_URL: `file:${join(tempDir(), 'bot.db')}` };
    expect((await runCli(['seed', 'demo', '--json'], env)).status).toBe(0);

    const listed = spawnCli(['units', 'list', '--json'], env);
    expect(listed.status).toBe(0);
    expect(listed.stderr).toBe('');
    const units = JSON.parse(listed.stdout) as Array<{ code: string }>;
    expect(units.map((unit) => unit.code)).toContain('STP');

    const refused = spawnCli(['invite', 'create', '--unit', 'NOPE', '--role', 'reporter', '--json'], env);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('“NOPE”');
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    const usage = spawnCli(['units', 'erase'], env);
    expect(usage.status).toBe(1);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toContain('Không có lệnh “erase”');
  });
});
