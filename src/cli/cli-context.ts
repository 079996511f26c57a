import { join } from 'node:path';
import { AppError } from '../shared/app-error.ts';
import { parseConfig, readDotenv, secretsOf, type Config } from '../config.ts';
import { describeError } from '../i18n/describe-error.ts';
import { toLocale, type Locale } from '../domain/localized-text.ts';
import { translate, type MessageParams } from '../i18n/translator.ts';
import { silentProgress, terminalProgress, type ImportProgress } from '../app/admin/import-progress.ts';
import { fileSystemError } from './option-checks.ts';
import { databaseUrlFrom, pathFrom, type CliIo } from './cli-io.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import { openDatabase, type PrismaClient } from '../storage/database.ts';

/**
 * What every command needs, made on first use: the configuration, a logger on standard error, and the
 * migrated database. Commands that only print help never touch the database. Everything a command reads
 * from outside (environment, folder) or writes (output, exit code) goes through the run's io, never the
 * process's, so one process can run the command line many times.
 */
export class CliContext {
  private config: Config | undefined;
  private logger: Logger | undefined;
  private prisma: PrismaClient | undefined;
  private failed = false;

  constructor(readonly io: CliIo) {}

  get locale(): Locale {
    return this.config ? this.config.BOT_LOCALE : toLocale(this.io.env.BOT_LOCALE);
  }

  /** The exit code the run ends with: 1 once anything failed, else 0. */
  get exitCode(): number {
    return this.failed ? 1 : 0;
  }

  getConfig(): Config {
    if (!this.config) {
      const config = parseConfig(this.io.env, readDotenv(join(this.io.cwd, '.env')));
      this.config = { ...config, DATABASE_URL: databaseUrlFrom(this.io.cwd, config.DATABASE_URL) };
    }
    return this.config;
  }

  getLogger(): Logger {
    const config = this.getConfig();
    this.logger ??= createLogger({
      level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL,
      pretty: false,
      secrets: secretsOf(config),
      destination: { write: (line: string) => this.io.stderr(line) },
    });
    return this.logger;
  }

  /** Migrates (a no-op when up to date) and returns the Prisma client. */
  async getPrisma(): Promise<PrismaClient> {
    this.prisma ??= (await openDatabase(this.getConfig().DATABASE_URL)).prisma;
    return this.prisma;
  }

  t(key: string, params?: MessageParams): string {
    return translate(this.locale, key, params);
  }

  /** A file path the operator typed, taken from the run's folder. */
  path(file: string): string {
    return pathFrom(this.io.cwd, file);
  }

  /** A database URL the operator typed (`db copy`), a relative SQLite file taken from the run's folder. */
  databaseUrl(url: string): string {
    return databaseUrlFrom(this.io.cwd, url);
  }

  /** Progress of a long import: a bar when standard error is a terminal, nothing otherwise. */
  progressFor(rows: number): ImportProgress {
    return this.io.progressTerminal ? terminalProgress(rows, this.t('admin.progress'), this.io.progressTerminal) : silentProgress;
  }

  /** An error for the operator, in their language (thrown from a command). */
  error(code: string, params: Record<string, string | number> = {}): AppError {
    return new AppError(code, params);
  }

  /** Prints a human line on standard output. */
  say(key: string, params?: MessageParams): void {
    this.out(`${this.t(key, params)}\n`);
  }

  /** Prints JSON, and only JSON, on standard output. */
  json(value: unknown): void {
    this.out(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Writes text as it is on standard output. */
  out(text: string): void {
    this.io.stdout(text);
  }

  /** Writes text as it is on standard error. */
  err(text: string): void {
    this.io.stderr(text);
  }

  /** Makes the run end with a failing exit code, for a command that has already said why. */
  markFailed(): void {
    this.failed = true;
  }

  /** Reports an error on standard error in the operator's language and sets a failing exit code. */
  fail(error: unknown): void {
    this.failed = true;
    const fileError = fileSystemError(error);
    if (fileError) {
      const { path, reason, code } = fileError.params;
      this.err(`${this.t('cli.file_error', { path: String(path), reason: this.t(String(reason), { code: String(code) }) })}\n`);
      return;
    }
    // Form problems are listed by describeError itself, one a line with file and line.
    this.err(`${describeError(this.locale, error)}\n`);
    if (!(error instanceof Error && 'code' in error)) {
      try {
        this.getLogger().error({ err: error }, 'command failed');
      } catch {
        // The configuration itself may be what failed; the message above already says so.
      }
    }
  }

  async close(): Promise<void> {
    await this.prisma?.$disconnect();
    this.prisma = undefined;
  }
}
