import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from './run-process.ts';

/** Node with tsx's loader in one process, so SIGKILL really kills the worker (the tsx command forks a child). */
const TSX_LOADER = pathToFileURL(join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** A few bot workers (test/system/workers/wave-worker.ts) on one database, as separate processes. */
export class WorkerFleet {
  readonly workers: ChildProcess[] = [];
  readonly stderr: string[] = [];

  constructor(private readonly env: Record<string, string>) {}

  /** Starts `count` workers and waits until each has ticked its scheduler once. */
  async start(count: number): Promise<Array<{ waves: number }>> {
    return Promise.all(Array.from({ length: count }, (_, index) => this.startOne(`worker-${index + 1}`)));
  }

  private startOne(name: string): Promise<{ waves: number }> {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, join(PROJECT_ROOT, 'test/system/workers/wave-worker.ts')], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...this.env, WORKER_NAME: name },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.workers.push(child);
    child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(String(chunk)));
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`${name} did not start: ${this.stderr.join('')}`)), 60_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        out += String(chunk);
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) {
          clearTimeout(timer);
          resolve(JSON.parse(line) as { waves: number });
        }
      });
      child.once('exit', (code) => reject(new Error(`${name} exited with ${code}: ${this.stderr.join('')}`)));
    });
  }

  /** Ends one worker at once, as a crash or a pulled plug would. */
  kill(index: number): void {
    this.workers[index]?.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.workers.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}
