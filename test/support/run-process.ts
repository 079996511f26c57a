import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The compiled command line and bot, as `npm run cli` and `npm start` run them (the test command builds them first). */
export const CLI_ENTRY = join(PROJECT_ROOT, 'dist', 'cli', 'index.js');
export const BOT_ENTRY = join(PROJECT_ROOT, 'dist', 'main', 'index.js');

/** Environment for a child process: no inherited bot settings, plus the given ones. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'info' };
  return { ...env, ...extra };
}

/**
 * Runs the admin command line to completion inside this process, with the environment a child would
 * get, its own folder and captured output: the same program as `npm run cli`, without a process start.
 */
export async function runCli(args: string[], env: Record<string, string>, cwd = PROJECT_ROOT): Promise<{ status: number; stdout: string; stderr: string }> {
  // Loaded on first use, so tests that only start the bot do not load the command line.
  const { runCommandLine } = await import('../../src/cli/run-command-line.ts');
  let stdout = '';
  let stderr = '';
  const status = await runCommandLine(args, {
    env: childEnv(env),
    cwd,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  });
  return { status, stdout, stderr };
}

/**
 * Runs the compiled command line as a real process, as an operator would: for what only a process
 * shows (its exit code and streams) and for process-level settings such as a faked clock (LD_PRELOAD).
 */
export function spawnCli(args: string[], env: Record<string, string>, cwd = PROJECT_ROOT) {
  const result = spawnSync(process.execPath, [CLI_ENTRY, ...args], {
    cwd,
    env: childEnv(env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const started = new Set<ChildProcess>();

/** Starts the bot as `npm start` does; the caller stops it, and `killStartedBots` ends any left over. */
export function startBot(env: Record<string, string>, cwd = PROJECT_ROOT): ChildProcess {
  const child = spawn(process.execPath, [BOT_ENTRY], { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** Kills every bot a test started and did not stop, so no process outlives a failed test. */
export function killStartedBots(): void {
  for (const child of started) child.kill('SIGKILL');
  started.clear();
}
