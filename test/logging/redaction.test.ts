import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.ts';

const TOKEN = '7012345678:AAF-secretTokenValue_1234567890abc';
const WEBHOOK_SECRET = 'webhook_secret_value_42';
const INVITE = 'K7M2Q9XDWE';

function captureLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: 'trace', pretty: false, secrets: [TOKEN, WEBHOOK_SECRET], destination });
  return { logger, text: () => lines.join('') };
}

describe('log redaction', () => {
  it('should remove a bot token from messages, fields and errors', () => {
    const { logger, text } = captureLogger();
    logger.info(`calling https://api.telegram.org/bot${TOKEN}/getMe`);
    logger.warn({ config: { TELEGRAM_BOT_TOKEN: TOKEN } }, 'config loaded');
    logger.error({ err: new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed`) }, 'send failed');
    const output = text();
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain('secretTokenValue');
    expect(output).toContain('send failed');
    expect(output).toContain('[redacted]');
  });

  it('should remove the token part of any Bot API URL, even an unknown token', () => {
    const { logger, text } = captureLogger();
    logger.info({ url: 'https://bot-api.zaloplatforms.com/bot999:someOtherSecret/sendMessage' }, 'zalo call');
    expect(text()).not.toContain('someOtherSecret');
  });

  it('should remove webhook secrets from headers and values', () => {
    const { logger, text } = captureLogger();
    logger.info({ headers: { 'x-telegram-bot-api-secret-token': 'whatever-it-is' } }, 'webhook');
    logger.info({ note: `secret is ${WEBHOOK_SECRET}` }, 'webhook');
    const output = text();
    expect(output).not.toContain('whatever-it-is');
    expect(output).not.toContain(WEBHOOK_SECRET);
  });

  it('should remove invitation codes from /start messages and code fields', () => {
    const { logger, text } = captureLogger();
    logger.info({ text: `/start ${INVITE}` }, 'inbound');
    logger.info(`user sent /start@baocao_bot ${INVITE}`);
    logger.info({ invite: { code: INVITE, unit: 'SNV' } }, 'invite created');
    const output = text();
    expect(output).not.toContain(INVITE);
    expect(output).toContain('SNV');
  });

  it('should keep error codes readable', () => {
    const { logger, text } = captureLogger();
    logger.error({ err: Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }) }, 'write failed');
    expect(text()).toContain('P2002');
  });
});
