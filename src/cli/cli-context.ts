import { AppError } from '../shared/app-error.ts';
import { parseConfig, readDotenv, secretsOf, type Config } from '../config.ts';
import { describeError } from '../i18n/describe-error.ts';
import { toLocale, type Locale } from '../domain/localized-text.ts';
import { translate, type MessageParams } from '../i18n/translator.ts';
import { fileSystemError } from './option-checks.ts';
import { createLogger, type Logger } from '../logging/logger.ts';
import { openDatabase, type PrismaClient } from '../storage/database.ts';

/**
 * What every command needs, made on first use: the configuration, a logger on standard error, and the
 * migrated database. Commands that only print help never touch the database.
 */
export class CliContext {
  private config: Config | undefined;
  private logger: Logger | undefined;
  private prisma: PrismaClient | undefined;

  get locale(): Locale {
    return this.config ? this.config.BOT_LOCALE : toLocale(process.env.BOT_LOCALE);
  }

  getConfig(): Config {
    this.config ??= parseConfig(process.env, readDotenv());
    return this.config;
  }

  getLogger(): Logger {
    const config = this.getConfig();
    this.logger ??= createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, pretty: false, secrets: secretsOf(config) });
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

  /** An error for the operator, in their language (thrown from a command). */
  error(code: string, params: Record<string, string | number> = {}): AppError {
    return new AppError(code, params);
  }

  /** Prints a human line on standard output. */
  say(key: string, params?: MessageParams): void {
    process.stdout.write(`${this.t(key, params)}\n`);
  }

  /** Prints JSON, and only JSON, on standard output. */
  json(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Reports an error on standard error in the operator's language and sets a failing exit code. */
  fail(error: unknown): void {
    const fileError = fileSystemError(error);
    if (fileError) {
      const { path, reason, code } = fileError.params;
      process.stderr.write(`${this.t('cli.file_error', { path: String(path), reason: this.t(String(reason), { code: String(code) }) })}\n`);
      process.exitCode = 1;
      return;
    }
    // Form problems are listed by describeError itself, one a line with file and line.
    process.stderr.write(`${describeError(this.locale, error)}\n`);
    if (!(error instanceof Error && 'code' in error)) {
      try {
        this.getLogger().error({ err: error }, 'command failed');
      } catch {
        // The configuration itself may be what failed; the message above already says so.
      }
    }
    process.exitCode = 1;
  }

  async close(): Promise<void> {
    await this.prisma?.$disconnect();
  }
}
