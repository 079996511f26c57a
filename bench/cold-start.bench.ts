/**
 * Cold start: `npm start` as README gives it, with no messenger token, a fresh SQLite file, HTTP_PORT=0
 * and standard input not a terminal, timed from spawn until /healthz answers 200, with the resident
 * memory of every process it runs (npm and the bot) at that moment. The first run migrates and seeds
 * the demo province; the second finds the database ready. Median of three of each. Never asserts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PROJECT_ROOT } from '../test/support/run-process.ts';
import { treeRssMb } from './support/processes.ts';

const RUNS = 3;
const TIMEOUT_MS = 120_000;

/** Starts the bot and resolves with the milliseconds until /healthz answered 200 and the memory then; the bot is stopped after. */
async function timeStart(databasePath: string): Promise<{ ms: number; rssMb: number; bot: number }> {
  const started = performance.now();
  const child: ChildProcess = spawn('npm', ['start', '--silent'], {
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
      if (healthy) {
        const ms = performance.now() - started;
        const memory = treeRssMb(child.pid as number);
        return { ms, rssMb: memory.total, bot: Math.max(...memory.byProcess.map((p) => p.mb)) };
      }
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
  const memory: Array<{ rssMb: number; bot: number }> = [];
  for (let i = 0; i < RUNS; i += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'baocao-cold-'));
    try {
      const path = join(dir, 'bot.db');
      first.push((await timeStart(path)).ms);
      const again = await timeStart(path);
      second.push(again.ms);
      memory.push(again);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const show = (values: number[]) => values.map((v) => `${v.toFixed(0)} ms`).join(', ');
  process.stdout.write(`first start (migrate + seed the demo province): median ${median(first).toFixed(0)} ms  (runs: ${show(first)})\n`);
  process.stdout.write(`second start (existing database):               median ${median(second).toFixed(0)} ms  (runs: ${show(second)})\n`);
  process.stdout.write(`resident memory when /healthz first answers (second start): median ${median(memory.map((m) => m.rssMb)).toFixed(0)} MB for npm and the bot together, ${median(memory.map((m) => m.bot)).toFixed(0)} MB the bot itself\n`);
  process.stdout.write('measured from spawning `npm start` until GET /healthz answers 200\n');
}
