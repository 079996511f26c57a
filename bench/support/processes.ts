/**
 * Starting, measuring and stopping the processes a benchmark compares, from outside them: CPU time is
 * read from /proc for the whole process tree (npm, tsx and node for `npm start`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** CPU milliseconds (user + system) of a process and all its descendants; 0 where /proc is missing. */
export function treeCpuMs(rootPid: number): number {
  if (!existsSync('/proc')) return 0;
  const stats = new Map<number, { parent: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while we read.
    }
  }
  let ticks = 0;
  const walk = (pid: number) => {
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const [child, stat] of stats) if (stat.parent === pid) walk(child);
  };
  walk(rootPid);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Resident memory, in megabytes, of a process and all its descendants (what `npm start` runs: npm and node). */
export function treeRssMb(rootPid: number): { total: number; byProcess: Array<{ pid: number; command: string; mb: number }> } {
  const children = new Map<number, number[]>();
  for (const entry of existsSync('/proc') ? readdirSync('/proc') : []) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // Ended meanwhile.
    }
  }
  const byProcess: Array<{ pid: number; command: string; mb: number }> = [];
  const walk = (pid: number) => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, 3).join(' ').slice(0, 80);
      byProcess.push({ pid, command, mb: kb / 1024 });
    } catch {
      // Ended meanwhile.
    }
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(rootPid);
  return { total: byProcess.reduce((sum, p) => sum + p.mb, 0), byProcess };
}

/** A process started in its own group; with `ready`, resolves once its output matches it. */
export async function startProcess(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; ready?: RegExp; timeoutMs?: number }): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const ready = options.ready;
  if (!ready) {
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    return { child, match: [''] as unknown as RegExpMatchArray };
  }
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} ${args.join(' ')} not ready in time:\n${output.slice(-2000)}`)), options.timeoutMs ?? 60_000);
    const look = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const found = output.match(ready);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
  return { child, match };
}

/** Ends a process group started by `startProcess` and waits for it. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

/** Runs the load generator in its own process with `jobs` on its standard input; resolves with its figures. */
export async function runLoad(env: Record<string, string>, jobs: unknown): Promise<LoadFigures> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./webhook-load.ts', import.meta.url).pathname], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stdin.end(JSON.stringify(jobs));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`load generator exited with ${code}: ${output}`);
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as LoadFigures;
}

export interface LoadFigures {
  updates: number;
  seconds: number;
  rate: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}
