import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { cronProblem } from './scheduler/cron-schedule.ts';
import { ConfigError, type ConfigProblem } from './shared/config-error.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An unset variable and an empty one mean the same: operators often leave `X=` in their .env. */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

/** An http(s) address that the URL parser accepts as a whole, not just one that starts right. */
function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\/[^\s/]+/i.test(value) || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const httpUrl = (code: string) => optionalText.refine((value) => value === undefined || isHttpUrl(value), { message: code });

/** An address to listen on: IPv4, IPv6 or a host name (what the HTTP server can bind to). */
function isListenHost(value: string): boolean {
  if (/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(value)) return true;
  if (/^\[?[0-9a-f:.]+\]?$/i.test(value) && value.includes(':')) return true;
  return /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(value);
}

/** Why a QUIET_HOURS value cannot be used, as a message code, or null: `HH:MM-HH:MM` with two different times, or `off`. */
function quietHoursProblem(value: string): string | null {
  if (value === 'off') return null;
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) return 'config.quiet_hours';
  return match[1] === match[3] && match[2] === match[4] ? 'config.quiet_hours_empty' : null;
}

/**
 * The HTTP server's limits when the settings leave them out (src/http/http-limits.ts applies them):
 * generous for a phone network or a proxy, short for a client that holds on. The connections kept for
 * `/healthz` and `/metrics` are not a setting.
 */
export const HTTP_LIMIT_DEFAULTS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 60_000,
  maxConnections: 256,
  reservedConnections: 8,
} as const;

/** `file:<path>` for SQLite, or `postgresql://user@host:port/db` (also `postgres://`) for PostgreSQL. */
function isDatabaseUrl(value: string): boolean {
  if (/^file:.+/.test(value)) return !/[\0]/.test(value);
  if (!/^postgres(ql)?:\/\//.test(value)) return false;
  try {
    const url = new URL(value);
    return Boolean(url.hostname) && url.pathname.length > 1;
  } catch {
    return false;
  }
}

/** A whole number of milliseconds (or connections) within bounds; unset gives the default. */
const boundedInteger = (fallback: number, min: number, max: number, code: string) =>
  optionalText
    .transform((v) => (v === undefined ? fallback : /^\d+$/.test(v) ? Number(v) : Number.NaN))
    .refine((v) => Number.isInteger(v) && v >= min && v <= max, { message: code });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const configSchema = z
  .object({
    DATABASE_URL: optionalText
      .transform((value) => value ?? 'file:./data/baocao.db')
      .refine((value) => isDatabaseUrl(value), { message: 'config.database_url' }),
    TELEGRAM_BOT_TOKEN: optionalText.refine((v) => v === undefined || /^\d{3,}:[A-Za-z0-9_-]{20,}$/.test(v), {
      message: 'config.telegram_token',
    }),
    TELEGRAM_API_ROOT: httpUrl('config.url').transform((v) => v ?? 'https://api.telegram.org'),
    TELEGRAM_WEBHOOK_URL: httpUrl('config.url'),
    TELEGRAM_WEBHOOK_SECRET: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v), {
      message: 'config.telegram_secret',
    }),
    ZALO_BOT_TOKEN: optionalText.refine((v) => v === undefined || /^[^\s:]+:[^\s]+$/.test(v), {
      message: 'config.zalo_token',
    }),
    ZALO_API_ROOT: httpUrl('config.url').transform((v) => v ?? 'https://bot-api.zaloplatforms.com'),
    ZALO_WEBHOOK_URL: httpUrl('config.url'),
    ZALO_WEBHOOK_SECRET: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9_-]{8,256}$/.test(v), {
      message: 'config.zalo_secret',
    }),
    HTTP_HOST: optionalText.transform((v) => v ?? '127.0.0.1').refine(isListenHost, { message: 'config.host' }),
    HTTP_PORT: optionalText
      .transform((v) => (v === undefined ? 3000 : /^\d+$/.test(v) ? Number(v) : Number.NaN))
      .refine((v) => Number.isInteger(v) && v >= 0 && v <= 65535, { message: 'config.port' }),
    // --- The HTTP server's limits on slow and crowding clients (see src/http/http-limits.ts).
    HTTP_HEADERS_TIMEOUT_MS: boundedInteger(HTTP_LIMIT_DEFAULTS.headersTimeoutMs, 100, 3_600_000, 'config.http_timeout'),
    HTTP_REQUEST_TIMEOUT_MS: boundedInteger(HTTP_LIMIT_DEFAULTS.requestTimeoutMs, 100, 3_600_000, 'config.http_timeout'),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: boundedInteger(HTTP_LIMIT_DEFAULTS.keepAliveTimeoutMs, 100, 3_600_000, 'config.http_timeout'),
    HTTP_IDLE_TIMEOUT_MS: boundedInteger(HTTP_LIMIT_DEFAULTS.idleTimeoutMs, 100, 3_600_000, 'config.http_timeout'),
    HTTP_MAX_CONNECTIONS: boundedInteger(HTTP_LIMIT_DEFAULTS.maxConnections, 1, 100_000, 'config.http_connections'),
    // --- end of the HTTP server's limits.
    BOT_TIMEZONE: optionalText
      .transform((v) => v ?? 'Asia/Ho_Chi_Minh')
      .refine(isTimeZone, { message: 'config.timezone' }),
    BOT_LOCALE: optionalText
      .transform((v) => (v ?? 'vi').toLowerCase())
      .refine((v) => v === 'vi' || v === 'en', { message: 'config.locale' })
      .transform((v) => v as 'vi' | 'en'),
    LOG_LEVEL: optionalText
      .transform((v) => (v ?? 'info').toLowerCase())
      .refine((v) => (LOG_LEVELS as readonly string[]).includes(v), { message: 'config.log_level' })
      .transform((v) => v as (typeof LOG_LEVELS)[number]),
    QUIET_HOURS: optionalText
      .transform((v) => (v ?? '21:00-07:00').replace(/\s*-\s*/, '-'))
      .superRefine((v, ctx) => {
        const problem = quietHoursProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    QUIET_WEEKENDS: optionalText
      .transform((v) => (v ?? 'false').toLowerCase())
      .refine((v) => ['true', 'false', '1', '0', 'yes', 'no'].includes(v), { message: 'config.boolean' })
      .transform((v) => ['true', '1', 'yes'].includes(v)),
    // Telegram's ceiling is about 30 a second for everything a bot sends; the outbox keeps 5 of them for
    // the direct replies to people chatting while a wave goes out.
    TELEGRAM_SEND_RATE: optionalText
      .transform((v) => (v === undefined ? 25 : Number(v)))
      .refine((v) => Number.isFinite(v) && v > 0 && v <= 30, { message: 'config.telegram_rate' }),
    ZALO_SEND_RATE: optionalText
      .transform((v) => (v === undefined ? 5 : Number(v)))
      .refine((v) => Number.isFinite(v) && v > 0 && v <= 50, { message: 'config.zalo_rate' }),
    CATCH_UP_HOURS: optionalText
      .transform((v) => (v === undefined ? 48 : Number(v)))
      .refine((v) => Number.isInteger(v) && v >= 0 && v <= 24 * 31, { message: 'config.catch_up' }),
    DIGEST_SCHEDULE: optionalText
      .transform((v) => (v ?? '0 8 * * 1').replace(/\s+/g, ' '))
      .superRefine((v, ctx) => {
        const problem = cronProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    PUBLIC_BASE_URL: httpUrl('config.url'),
    // --- The compiled report (report compile, /baocaonam): layout and letterhead. Unset texts take
    // the layout's defaults (see src/documents/report-settings.ts).
    REPORT_LAYOUT: optionalText
      .transform((v) => (v ?? 'party').toLowerCase())
      .refine((v) => v === 'party' || v === 'state', { message: 'config.report_layout' })
      .transform((v) => v as 'party' | 'state'),
    REPORT_SUPERIOR: optionalText,
    REPORT_ISSUER: optionalText,
    REPORT_ISSUER_ABBR: optionalText,
    REPORT_PLACE: optionalText,
    REPORT_SIGNER_CAPACITY: optionalText,
    REPORT_SIGNER_TITLE: optionalText,
    REPORT_SIGNER_NAME: optionalText,
    REPORT_RECIPIENTS: optionalText,
    // --- end of the compiled report's settings.
    NODE_ENV: optionalText.transform((v) => v ?? 'development'),
  })
  .superRefine((config, ctx) => {
    if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'config.secret_required' });
    }
    if (config.ZALO_WEBHOOK_URL && !config.ZALO_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['ZALO_WEBHOOK_SECRET'], message: 'config.secret_required' });
    }
    if (config.HTTP_HEADERS_TIMEOUT_MS > config.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', path: ['HTTP_HEADERS_TIMEOUT_MS'], message: 'config.http_headers_timeout' });
    }
  });

/** The whole configuration, parsed once at start and passed to whoever needs it. */
export type Config = z.infer<typeof configSchema>;

/** Reads `.env` in the working directory if there is one; real environment variables win over it. */
export function readDotenv(path = '.env'): Record<string, string> {
  return existsSync(path) ? parseDotenv(readFileSync(path)) : {};
}

/**
 * Parses the configuration. Throws an AppError `config.invalid` carrying each bad variable's name and
 * what it should be; values are never included, since several of them are secrets.
 */
export function parseConfig(env: NodeJS.ProcessEnv, dotenv: Record<string, string> = {}): Config {
  const merged: Record<string, string | undefined> = { ...dotenv };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  const result = configSchema.safeParse(merged);
  if (result.success) return result.data;
  const problems: ConfigProblem[] = result.error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? '?'),
    code: issue.message.startsWith('config.') ? issue.message : 'config.invalid_value',
  }));
  throw new ConfigError(problems);
}

/** The secrets in a configuration, for the log redactor. */
export function secretsOf(config: Config): string[] {
  return [
    config.TELEGRAM_BOT_TOKEN,
    config.TELEGRAM_WEBHOOK_SECRET,
    config.ZALO_BOT_TOKEN,
    config.ZALO_WEBHOOK_SECRET,
  ].filter((value): value is string => Boolean(value));
}

/** Whether the configuration points at PostgreSQL rather than an SQLite file. */
export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//.test(databaseUrl);
}

/** The database file a `file:` URL names. */
export function sqlitePathOf(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '');
}
