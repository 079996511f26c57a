/**
 * Cold start: `npx tsx src/main.ts` with no messenger token, a fresh SQLite file, HTTP_PORT=0 and
 * standard input not a terminal, timed from spawn until /healthz answers 200. The first run migrates
 * and seeds the demo province; the second finds the database ready. Median of three of each.
 * Never asserts: figures only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROJECT_ROOT } from '../test/support/run-process.ts';

const RUNS = 3;
const TIMEOUT_MS = 120_000;

/** Starts the bot and resolves with the milliseconds until /healthz answered 200; the bot is stopped after. */
async function timeStart(databasePath: string): Promise<number> {
  const started = performance.now();
  const child: ChildProcess = spawn('npx', ['tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: `file:${databasePath}`, HTTP_PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'production' },
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group, so that stopping it stops npx, tsx and node together.
    detached: true,
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let log = '';
      const timer = setTimeout(() => reject(new Error(`no port announced within ${TIMEOUT_MS} ms:\n${log}`)), TIMEOUT_MS);
      const read = (chunk: Buffer) => {
        log += chunk.toString('utf8');
        const match = /127\.0\.0\.1:(\d+)/.exec(log);
        if (match?.[1] !== undefined && Number(match[1]) > 0) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the bot exited with ${code}:\n${log}`));
      });
    });
    for (;;) {
      const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
      if (healthy) return performance.now() - started;
      if (performance.now() - started > TIMEOUT_MS) throw new Error('/healthz never answered 200');
      await sleep(5);
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    stopGroup(child, 'SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    if (child.exitCode === null) stopGroup(child, 'SIGKILL');
  }
}

/** Signals the child's whole process group (npx, tsx and the node running the bot). */
function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export async function run(): Promise<void> {
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'baocao-cold-'));
    try {
      const path = join(dir, 'bot.db');
      first.push(await timeStart(path));
      second.push(await timeStart(path));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const show = (values: number[]) => values.map((v) => `${v.toFixed(0)} ms`).join(', ');
  process.stdout.write(`first start (migrate + seed the demo province): median ${median(first).toFixed(0)} ms  (runs: ${show(first)})\n`);
  process.stdout.write(`second start (existing database):               median ${median(second).toFixed(0)} ms  (runs: ${show(second)})\n`);
  process.stdout.write('measured from spawning `npx tsx src/main.ts` until GET /healthz answers 200\n');
}
