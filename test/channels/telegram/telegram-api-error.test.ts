import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { TelegramApiError } from '../../../src/channels/telegram/telegram-api-error.ts';
import { outcomeOf } from '../../../src/channels/telegram/telegram-outbox-sender.ts';

/** telegraf's own error, as it throws it for an `ok: false` answer. */
const answer = (error_code: number, description: string, retry_after?: number) =>
  new TelegramError({ error_code, description, ...(retry_after === undefined ? {} : { parameters: { retry_after } }) });

describe('one reading of a failed Bot API call, for direct replies and the outbox alike', () => {
  it.each([
    [answer(429, 'Too Many Requests: retry after 7', 7), 'throttled', true, { status: 'throttled', retryAfterMs: 7000 }],
    [answer(403, 'Forbidden: bot was blocked by the user'), 'unreachable', false, { status: 'unreachable', reason: 'blocked' }],
    [answer(403, 'Forbidden: user is deactivated'), 'unreachable', false, { status: 'unreachable', reason: 'deactivated' }],
    [answer(401, 'Unauthorized'), 'bad-token', false, { status: 'retry' }],
    [answer(404, 'Not Found'), 'bad-token', false, { status: 'retry' }],
    [answer(400, "Bad Request: can't parse entities: unexpected end tag"), 'markup', false, { status: 'permanent' }],
    [answer(400, 'Bad Request: chat not found'), 'refused', false, { status: 'permanent' }],
    [answer(502, 'Bad Gateway'), 'server', true, { status: 'retry' }],
    [new Error('connect ECONNREFUSED 127.0.0.1:9'), 'network', true, { status: 'retry' }],
  ] as const)('%s → %s', (error, kind, retryable, outcome) => {
    const failure = TelegramApiError.from(error);
    expect(failure).toMatchObject({ kind, retryable });
    expect(TelegramApiError.from(failure)).toBe(failure);
    expect(outcomeOf(failure)).toMatchObject(outcome);
  });
});
