import { describe, expect, it } from 'vitest';
import { parseConfig, secretsOf } from '../src/config.ts';
import { ConfigError } from '../src/shared/config-error.ts';
import { describeError } from '../src/i18n/describe-error.ts';

const TOKEN = '123456789:AAHsecretTOKENvalue_abcdefghijkl';

function problemsOf(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('should give working defaults with an empty environment', () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBe('file:./data/baocao.db');
    expect(config.BOT_TIMEZONE).toBe('Asia/Ho_Chi_Minh');
    expect(config.BOT_LOCALE).toBe('vi');
    expect(config.HTTP_PORT).toBe(3000);
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(config.TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
    expect(config).toMatchObject({
      HTTP_HEADERS_TIMEOUT_MS: 10_000,
      HTTP_REQUEST_TIMEOUT_MS: 30_000,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 5_000,
      HTTP_IDLE_TIMEOUT_MS: 60_000,
      HTTP_MAX_CONNECTIONS: 256,
    });
  });

  it('should read the HTTP limits as whole numbers, the headers timeout within the request timeout', () => {
    const config = parseConfig({ HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: '2000', HTTP_MAX_CONNECTIONS: '1000' });
    expect(config).toMatchObject({ HTTP_HEADERS_TIMEOUT_MS: 2_000, HTTP_REQUEST_TIMEOUT_MS: 2_000, HTTP_MAX_CONNECTIONS: 1_000 });
  });

  it('should treat an empty variable as unset', () => {
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: '', HTTP_PORT: ' ' }).HTTP_PORT).toBe(3000);
  });

  it('should let the real environment win over the .env file', () => {
    expect(parseConfig({ BOT_LOCALE: 'en' }, { BOT_LOCALE: 'vi', HTTP_PORT: '8080' })).toMatchObject({
      BOT_LOCALE: 'en',
      HTTP_PORT: 8080,
    });
  });

  it.each([
    ['DATABASE_URL', 'postgres:/nope', 'config.database_url'],
    ['DATABASE_URL', './data/x.db', 'config.database_url'],
    ['TELEGRAM_BOT_TOKEN', 'not-a-token', 'config.telegram_token'],
    ['TELEGRAM_API_ROOT', 'ftp://x', 'config.url'],
    ['ZALO_WEBHOOK_SECRET', 'short', 'config.zalo_secret'],
    ['HTTP_PORT', '70000', 'config.port'],
    ['HTTP_PORT', 'abc', 'config.port'],
    ['BOT_TIMEZONE', 'Mars/Olympus', 'config.timezone'],
    ['BOT_LOCALE', 'fr', 'config.locale'],
    ['LOG_LEVEL', 'loud', 'config.log_level'],
    ['DIGEST_SCHEDULE', '0 25 * * 1', 'config.cron'],
    ['DIGEST_SCHEDULE', '61 8 * * 1', 'config.cron'],
    ['DIGEST_SCHEDULE', '0 8 * * 8', 'config.cron'],
    ['DIGEST_SCHEDULE', '*/0 8 * * *', 'config.cron'],
    ['DIGEST_SCHEDULE', '0 8 1-40 * *', 'config.cron'],
    ['DIGEST_SCHEDULE', '0 0 8 * * 1', 'config.cron'],
    ['DIGEST_SCHEDULE', 'every monday', 'config.cron'],
    ['DIGEST_SCHEDULE', '0 8 31 2 *', 'config.cron'],
    ['DIGEST_SCHEDULE', '0 8 30 2 *', 'config.cron'],
    ['QUIET_HOURS', '21:00', 'config.quiet_hours'],
    ['QUIET_HOURS', '25:00-07:00', 'config.quiet_hours'],
    ['QUIET_HOURS', '21:00-07:60', 'config.quiet_hours'],
    ['QUIET_HOURS', '9pm-7am', 'config.quiet_hours'],
    ['QUIET_HOURS', '07:00-07:00', 'config.quiet_hours_empty'],
    ['HTTP_HOST', 'not a host', 'config.host'],
    ['HTTP_HOST', 'http://0.0.0.0', 'config.host'],
    ['PUBLIC_BASE_URL', 'https://bad host.vn', 'config.url'],
    ['TELEGRAM_API_ROOT', 'https://[bad', 'config.url'],
    ['TELEGRAM_SEND_RATE', '0', 'config.telegram_rate'],
    ['TELEGRAM_SEND_RATE', '31', 'config.telegram_rate'],
    ['ZALO_SEND_RATE', 'nhanh', 'config.zalo_rate'],
    ['CATCH_UP_HOURS', '-1', 'config.catch_up'],
    ['QUIET_WEEKENDS', 'maybe', 'config.boolean'],
    ['HTTP_HEADERS_TIMEOUT_MS', '10s', 'config.http_timeout'],
    ['HTTP_HEADERS_TIMEOUT_MS', '99', 'config.http_timeout'],
    ['HTTP_REQUEST_TIMEOUT_MS', '3600001', 'config.http_timeout'],
    ['HTTP_KEEP_ALIVE_TIMEOUT_MS', '-5', 'config.http_timeout'],
    ['HTTP_IDLE_TIMEOUT_MS', '1.5', 'config.http_timeout'],
    ['HTTP_MAX_CONNECTIONS', '0', 'config.http_connections'],
    ['HTTP_MAX_CONNECTIONS', 'many', 'config.http_connections'],
    ['HTTP_HEADERS_TIMEOUT_MS', '40000', 'config.http_headers_timeout'],
  ])('should refuse a bad %s (%s) and name the variable', (variable, value, code) => {
    const error = problemsOf({ [variable]: value });
    expect(error.problems).toEqual([{ variable, code }]);
    expect(describeError('vi', error)).toContain(variable);
    expect(describeError('en', error)).toContain(variable);
  });

  it.each([
    ['DIGEST_SCHEDULE', '0 8 * * MON'],
    ['DIGEST_SCHEDULE', '30 7 1 * *'],
    ['DIGEST_SCHEDULE', '0 8 29 2 *'],
    ['QUIET_HOURS', '22:00 - 06:30'],
    ['QUIET_HOURS', 'off'],
    ['HTTP_HOST', '0.0.0.0'],
    ['HTTP_HOST', '::1'],
    ['HTTP_HOST', 'bot.internal'],
  ])('should accept a good %s (%s)', (variable, value) => {
    expect(() => parseConfig({ [variable]: value })).not.toThrow();
  });

  it('should report a bad schedule together with every other bad setting, each by name', () => {
    const error = problemsOf({ DIGEST_SCHEDULE: '0 25 * * 1', QUIET_HOURS: '07:00-07:00', HTTP_PORT: 'x' });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['DIGEST_SCHEDULE', 'HTTP_PORT', 'QUIET_HOURS']);
    const text = describeError('vi', error);
    expect(text).toContain('DIGEST_SCHEDULE: phải là lịch cron 5 trường');
    expect(text).toContain('QUIET_HOURS: giờ bắt đầu và giờ kết thúc trùng nhau');
  });

  it('should require a secret when a webhook URL is set', () => {
    const error = problemsOf({ TELEGRAM_WEBHOOK_URL: 'https://bot.example.vn/tg', ZALO_WEBHOOK_URL: 'https://bot.example.vn/zl' });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['TELEGRAM_WEBHOOK_SECRET', 'ZALO_WEBHOOK_SECRET']);
  });

  it('should list every bad variable at once', () => {
    const error = problemsOf({ HTTP_PORT: '-1', BOT_LOCALE: 'de', LOG_LEVEL: 'x' });
    expect(error.problems).toHaveLength(3);
  });

  it('should never print a secret in its message', () => {
    const badSecret = 'has spaces so it is refused but secret';
    const error = problemsOf({ TELEGRAM_BOT_TOKEN: `${TOKEN} x`, TELEGRAM_WEBHOOK_SECRET: badSecret, HTTP_PORT: 'x' });
    for (const locale of ['vi', 'en'] as const) {
      const text = describeError(locale, error);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(badSecret);
    }
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(error.message).not.toContain(TOKEN);
  });

  it('should list the secrets for the log redactor', () => {
    const config = parseConfig({ TELEGRAM_BOT_TOKEN: TOKEN, ZALO_BOT_TOKEN: '12345:zalosecret' });
    expect(secretsOf(config)).toEqual([TOKEN, '12345:zalosecret']);
  });
});
