import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { childEnv, PROJECT_ROOT } from '../../support/run-process.ts';

// Node itself with tsx's loader, not the tsx command: that one runs the script in a grandchild
// process, which a SIGKILL of the command would leave running.
const TSX_LOADER = pathToFileURL(join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'crash-bot.ts');
const READY_TIMEOUT_MS = 40_000;

/** What the child needs to find its database and the emulator. */
export interface CrashBotSettings {
  databaseUrl: string;
  token: string;
  apiRoot: string;
  clockOffsetMs: number;
  sendRate: number;
}

/**
 * Starts, kills (SIGKILL, no chance to clean up) and restarts the crash-test bot process on the
 * same database. At most one child runs at a time; `stop` ends the last one.
 */
export class CrashBotDriver {
  #child: ChildProcess | undefined;
  #stderrTail = '';
  starts = 0;

  constructor(private readonly settings: CrashBotSettings) {}

  /** Start-ups that exited before READY (each retried), with the end of their error output. */
  readonly failedStarts: string[] = [];

  /** Starts the child and resolves once it says READY; a start-up that dies is retried twice, and recorded. */
  async start(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.#startOnce();
      } catch (error) {
        this.failedStarts.push((error as Error).message.slice(-1500));
        if (attempt >= 3) throw error;
      }
    }
  }

  async #startOnce(): Promise<void> {
    const { databaseUrl, token, apiRoot, clockOffsetMs, sendRate } = this.settings;
    const env = childEnv({
      CRASH_DATABASE_URL: databaseUrl,
      CRASH_TG_TOKEN: token,
      CRASH_TG_API_ROOT: apiRoot,
      CRASH_CLOCK_OFFSET_MS: String(clockOffsetMs),
      CRASH_SEND_RATE: String(sendRate),
    });
    const child = spawn(process.execPath, ['--import', TSX_LOADER, SCRIPT], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    this.starts += 1;
    child.stderr.on('data', (chunk: Buffer) => (this.#stderrTail = (this.#stderrTail + String(chunk)).slice(-4000)));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`crash bot not ready in ${READY_TIMEOUT_MS} ms:\n${this.#stderrTail}`)), READY_TIMEOUT_MS);
      child.stdout.on('data', (chunk: Buffer) => {
        out += String(chunk);
        if (out.includes('READY')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`crash bot exited with ${code} before READY:\n${this.#stderrTail}`));
      });
    });
  }

  /** SIGKILLs the running child and waits for it to be gone. */
  async kill(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await gone;
  }

  /** Ends the last child, if any (the test's clean-up). */
  stop(): Promise<void> {
    return this.kill();
  }

  /** The end of what the children wrote on standard error (warnings and errors), for failure messages. */
  get stderrTail(): string {
    return this.#stderrTail;
  }
}
