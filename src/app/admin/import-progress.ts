import cliProgress from 'cli-progress';

/**
 * How an import reports how far it got, so the use case does not depend on a terminal: the command
 * line gives a progress bar, tests and `--json` give nothing.
 */
export interface ImportProgress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

/** Progress that shows nothing. */
export const silentProgress: ImportProgress = { start: () => undefined, update: () => undefined, stop: () => undefined };

/** Files with more rows than this get a progress bar (when standard error is a terminal). */
export const PROGRESS_THRESHOLD_ROWS = 300;

/**
 * The command line's progress for a long import: a bar on standard error, and only when standard error
 * is a terminal and the file is big enough to be worth it, so pipes, logs and `--json` stay clean.
 */
export function terminalProgress(rows: number, label: string, stream: NodeJS.WriteStream = process.stderr): ImportProgress {
  if (!stream.isTTY || rows <= PROGRESS_THRESHOLD_ROWS) return silentProgress;
  const bar = new cliProgress.SingleBar({ stream, format: label, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  return {
    start: (total) => bar.start(total, 0),
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}
