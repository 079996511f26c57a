import { isAbsolute, resolve } from 'node:path';

/**
 * Where one run of the command line takes its settings from and puts its output. The process entry
 * gives the real process's; a test gives its own, so the command line can run many times in one
 * process, each run with its own environment, folder and captured output.
 */
export interface CliIo {
  /** The environment variables (the configuration; `.env` in `cwd` fills the gaps). */
  env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths (files, `.env`, an SQLite `file:` URL) are taken from. */
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard error when it is a terminal: long work draws a progress bar on it. Absent for pipes and in-process runs. */
  progressTerminal?: NodeJS.WriteStream;
  /** The terminal's width for help text, when standard output is one. */
  helpWidth?: number;
}

/** The io of the running process: `npm run cli`. */
export function processIo(): CliIo {
  return {
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    ...(process.stderr.isTTY ? { progressTerminal: process.stderr } : {}),
    ...(process.stdout.isTTY ? { helpWidth: process.stdout.columns } : {}),
  };
}

/** A path an operator typed, taken from the run's folder (absolute paths stay as they are). */
export function pathFrom(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/**
 * An SQLite `file:` URL with a relative path made absolute against the run's folder, so it names the
 * same file whichever folder the process itself is in. PostgreSQL URLs are returned as they are.
 */
export function databaseUrlFrom(cwd: string, url: string): string {
  const match = /^file:([^?]*)(\?.*)?$/.exec(url);
  if (!match || match[1] === undefined || match[1] === '' || isAbsolute(match[1])) return url;
  return `file:${resolve(cwd, match[1])}${match[2] ?? ''}`;
}
