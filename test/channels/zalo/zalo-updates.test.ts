import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../src/app/inbound/inbound-message.ts';
import { toInboundMessage } from '../../../src/channels/zalo/zalo-updates.ts';

const BOT = '1234567890';

/** A private message from a person, as the platform shapes it; `content` adds or overrides fields. */
function update(eventName: string, content: Record<string, unknown> = {}, message: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_name: eventName,
    message: {
      message_id: 'm-1',
      date: 1_764_200_000_000,
      from: { id: 'u-42', display_name: 'Lê Thị Lan', is_bot: false },
      chat: { id: 'u-42', chat_type: 'PRIVATE' },
      ...content,
      ...message,
    },
  };
}

function expected(eventName: string, input: InboundMessage['input']): Omit<InboundMessage, 'platformMessageId'> {
  return {
    identity: { channel: 'zalo', userId: 'u-42', chatId: 'u-42', displayName: 'Lê Thị Lan' },
    botKey: BOT,
    updateKey: `${eventName}:m-1`,
    input,
  };
}

const CASES: Array<{ name: string; raw: unknown; want: Omit<InboundMessage, 'platformMessageId'> | null }> = [
  { name: 'a text', raw: update('message.text.received', { text: 'Xin chào' }), want: expected('message.text.received', { kind: 'text', text: 'Xin chào' }) },
  { name: 'a command', raw: update('message.text.received', { text: '/start ABCDE-12345' }), want: expected('message.text.received', { kind: 'text', text: '/start ABCDE-12345' }) },
  { name: 'a sticker', raw: update('message.sticker.received', { sticker: 'abc' }), want: expected('message.sticker.received', { kind: 'unsupported' }) },
  {
    name: 'an image with a caption',
    raw: update('message.image.received', { photo: 'https://example.com/a.jpg', caption: '12' }),
    want: expected('message.image.received', { kind: 'unsupported' }),
  },
  { name: 'withheld content', raw: update('message.unsupported.received'), want: expected('message.unsupported.received', { kind: 'unsupported' }) },
  { name: 'a voice message', raw: update('message.voice.received'), want: expected('message.voice.received', { kind: 'unsupported' }) },
  { name: 'a text event without text', raw: update('message.text.received'), want: expected('message.text.received', { kind: 'unsupported' }) },
  { name: 'a group chat', raw: update('message.text.received', { text: '1' }, { chat: { id: 'g-1', chat_type: 'GROUP' } }), want: null },
  {
    name: 'a bot sender',
    raw: update('message.text.received', { text: '1' }, { from: { id: 'b-1', display_name: 'Bot', is_bot: true } }),
    want: null,
  },
  { name: 'a message without a sender', raw: { event_name: 'message.text.received', message: { message_id: 'm-1', date: 1, chat: { id: 'u', chat_type: 'PRIVATE' } } }, want: null },
  { name: 'no event name', raw: { message: {} }, want: null },
  { name: 'not an object', raw: 'hello', want: null },
  { name: 'null', raw: null, want: null },
];

describe('zalo updates → inbound messages', () => {
  for (const { name, raw, want } of CASES) {
    it(`should map ${name}`, () => {
      const message = toInboundMessage(raw, BOT);
      if (want === null) {
        expect(message).toBeNull();
        return;
      }
      expect(message).toMatchObject(want);
      expect(message?.platformMessageId).toBe('m-1:1764200000000');
    });
  }

  it('should turn numeric ids into strings and leave out a missing display name', () => {
    const message = toInboundMessage(
      {
        event_name: 'message.text.received',
        message: { message_id: 77, date: '1764200000000', from: { id: 9 }, chat: { id: 9, chat_type: 'PRIVATE' }, text: '2' },
      },
      BOT,
    );
    expect(message?.identity).toEqual({ channel: 'zalo', userId: '9', chatId: '9' });
    expect(message?.updateKey).toBe('message.text.received:77');
    expect(message?.input).toEqual({ kind: 'text', text: '2' });
  });

  it('should give the same key to the same message delivered twice and another key to another event', () => {
    const first = toInboundMessage(update('message.text.received', { text: 'a' }), BOT);
    const again = toInboundMessage(update('message.text.received', { text: 'a' }), BOT);
    const sticker = toInboundMessage(update('message.sticker.received', { sticker: 's' }), BOT);
    expect(first?.updateKey).toBe(again?.updateKey);
    expect(sticker?.updateKey).not.toBe(first?.updateKey);
  });
});
