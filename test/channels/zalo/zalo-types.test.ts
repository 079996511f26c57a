import { describe, expect, it } from 'vitest';
import { parseZaloUpdate, unwrapWebhookBody, zaloUpdateKey } from '../../../src/channels/zalo/zalo-types.ts';

const update = {
  event_name: 'message.text.received',
  message: {
    message_id: 'abc123',
    date: 1_767_225_600_000,
    from: { id: 'u1', display_name: 'Chị Lan', is_bot: false },
    chat: { id: 'u1', chat_type: 'PRIVATE' },
    text: '12',
  },
};

describe('parseZaloUpdate', () => {
  it('should accept a documented text update', () => {
    const parsed = parseZaloUpdate(update);
    expect(parsed.ok && parsed.update).toEqual(update);
  });

  it('should tolerate unknown extra fields and numeric ids', () => {
    const raw = { ...update, extra: 1, message: { ...update.message, message_id: 42, lang: 'vi', from: { id: 7 } } };
    const parsed = parseZaloUpdate(raw);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.update.message.message_id).toBe('42');
      expect(parsed.update.message.from.id).toBe('7');
    }
  });

  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['no message', { event_name: 'message.text.received' }],
    ['no chat', { event_name: 'x', message: { message_id: '1', date: 1, from: { id: 'u' } } }],
    ['a non-numeric date', { ...update, message: { ...update.message, date: 'yesterday' } }],
  ])('should report %s as a parse failure without throwing', (_name, raw) => {
    const parsed = parseZaloUpdate(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('malformed_update');
      expect(parsed.error.raw).toBe(raw);
    }
  });
});

describe('unwrapWebhookBody', () => {
  it('should accept the documented wrapped body and the bare update', () => {
    expect(unwrapWebhookBody({ ok: true, result: update })).toEqual(update);
    expect(unwrapWebhookBody(update)).toEqual(update);
  });

  it.each([[null], ['x'], [{ ok: true }], [{ ok: true, result: { event_name: 'x' } }], [[update]]])('should return null for %j', (body) => {
    expect(unwrapWebhookBody(body)).toBeNull();
  });
});

describe('zaloUpdateKey', () => {
  it('should combine the event name and the message id', () => {
    expect(zaloUpdateKey(update)).toBe('message.text.received:abc123');
  });
});
