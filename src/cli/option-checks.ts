import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parsePeriodKey, periodKeyAt, type PeriodType } from '../domain/index.ts';
import { AppError } from '../shared/app-error.ts';

/**
 * Checks of command-line values that name the option and what it allows, so an operator who types
 * `--count 0`, `--days -5` or an `--out` into a missing folder learns exactly what to change instead
 * of reading "something unexpected went wrong". Every command uses these rather than its own.
 */

/** A commander argument parser for a whole number in [min, max]; the refusal names the option. */
export function integerOption(option: string, min: number, max: number): (value: string) => number {
  return (value: string) => {
    const parsed = /^[+]?\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new AppError('cli.invalid_integer_option', { option, value, min, max });
    }
    return parsed;
  };
}

/**
 * The file an `--out` option names, checked before any work is done: its folder must exist and the
 * path must not be a folder itself. Returns the absolute path (a relative one is taken from `cwd`).
 */
export function outputFile(option: string, path: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  if (path.trim() === '') throw new AppError('cli.output_missing', { option });
  if (existsSync(absolute) && statSync(absolute).isDirectory()) throw new AppError('cli.output_is_folder', { option, path });
  const folder = dirname(absolute);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new AppError('cli.output_folder_missing', { option, path, folder });
  return absolute;
}

/** A period key given to an option, of the form's kind when one is known; the refusal shows an example. */
export function periodOption(option: string, key: string, form: { id: string; period: PeriodType } | undefined, timeZone: string): string {
  const parsed = parsePeriodKey(key);
  if (parsed.ok && (form === undefined || parsed.key.type === form.period)) return key;
  if (form) throw new AppError('cli.invalid_period_for_form', { option, value: key, form: form.id, example: periodKeyAt(form.period, new Date(), timeZone) });
  const examples = (['weekly', 'monthly', 'quarterly', 'yearly'] as const).map((type) => periodKeyAt(type, new Date(), timeZone));
  throw new AppError('cli.invalid_period_option', { option, value: key, example: examples.join(', ') });
}

/** File-system error codes the command line explains in words (others show their code). */
const FILE_ERROR_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS', 'ENOSPC', 'EEXIST', 'EMFILE', 'ENAMETOOLONG']);

/**
 * Turns a file-system error thrown anywhere in a command (reading, writing, a folder that vanished)
 * into an operator's error naming the path and the reason. Null for anything else.
 */
export function fileSystemError(error: unknown): AppError | null {
  if (!(error instanceof Error)) return null;
  const { code, path } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof path !== 'string' || !/^E[A-Z]+$/.test(code)) return null;
  const reason = FILE_ERROR_CODES.has(code) ? `cli.fs_${code.toLowerCase()}` : 'cli.fs_other';
  return new AppError('cli.file_error', { path, reason, code });
}
