/**
 * Zalo Bot Platform events (texts, images, stickers, withheld content, unknown event names, group
 * chats, bots, ids as numbers) with odd contents, and webhook bodies around them, wrapped
 * (`{ ok, result }`) as documented or bare as some bots receive them.
 */
import fc from 'fast-check';
import type { JsonValue } from './json-mutations.ts';
import { oddName, oddText } from './odd-text.ts';
import { nestedArrays, rawBodies, type RawBody } from './raw-bodies.ts';

const EVENTS = ['message.text.received', 'message.image.received', 'message.sticker.received', 'message.unsupported.received', 'message.voice.received'];

/** Who writes: mostly the given users, sometimes anyone, as a string or (tolerated) a number. */
function userIdFrom(known: readonly string[]): fc.Arbitrary<string | number> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...known), weight: 8 },
    { arbitrary: fc.string({ minLength: 1, maxLength: 24, unit: 'grapheme-ascii' }), weight: 1 },
    { arbitrary: fc.constantFrom<string | number>(0, -1, 1e21, 12345, 'x'.repeat(300), '中文', ' '), weight: 1 },
  );
}

const eventName = fc.oneof(
  { arbitrary: fc.constantFrom(...EVENTS), weight: 12 },
  { arbitrary: fc.constantFrom('MESSAGE.TEXT.RECEIVED', 'message.text', 'follow', 'x'.repeat(500)), weight: 1 },
  { arbitrary: oddText.filter((text) => text.length > 0 && text.length < 2_000), weight: 1 },
);

const chatType = fc.oneof({ arbitrary: fc.constant('PRIVATE'), weight: 9 }, { arbitrary: fc.constantFrom('GROUP', 'private', 'Private', '', 'CHANNEL'), weight: 1 });

const messageId = fc.oneof(
  { arbitrary: fc.bigInt({ min: 0n, max: 2n ** 64n }).map((n) => n.toString(16)), weight: 9 },
  { arbitrary: fc.constantFrom<string | number>(1, 0, 1.5, '9'.repeat(400), 'mid/../x'), weight: 1 },
);

const date = fc.oneof(fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }), fc.constantFrom<number | string>('1764212400000', 0));

/** A valid (or at least well-typed) event. */
export function zaloEvent(known: readonly string[]): fc.Arbitrary<Record<string, JsonValue>> {
  return fc
    .record({
      event: eventName,
      id: messageId,
      when: date,
      from: userIdFrom(known),
      name: fc.option(oddName, { nil: undefined }),
      isBot: fc.oneof({ arbitrary: fc.constant<boolean | undefined>(undefined), weight: 6 }, { arbitrary: fc.constantFrom<boolean | undefined>(false, true), weight: 2 }),
      chatType,
      otherChat: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
      text: fc.option(oddText, { nil: undefined, freq: 8 }),
      photo: fc.option(fc.constantFrom('https://example.org/a.jpg', ''), { nil: undefined, freq: 2 }),
      caption: fc.option(oddText, { nil: undefined, freq: 2 }),
      sticker: fc.option(fc.constantFrom('s1', ''), { nil: undefined, freq: 2 }),
    })
    .map((e) => {
      const message: Record<string, JsonValue> = {
        message_id: e.id,
        date: e.when,
        from: { id: e.from, ...(e.name === undefined ? {} : { display_name: e.name }), ...(e.isBot === undefined ? {} : { is_bot: e.isBot }) },
        chat: { id: e.otherChat ? `g${String(e.from)}` : e.from, chat_type: e.chatType },
      };
      if (e.text !== undefined) message.text = e.text;
      if (e.photo !== undefined) message.photo = e.photo;
      if (e.caption !== undefined) message.caption = e.caption;
      if (e.sticker !== undefined) message.sticker = e.sticker;
      return { event_name: e.event, message };
    });
}

/** The event as a webhook delivers it: wrapped as documented, bare, or in an odd envelope. */
export function zaloDelivery(known: readonly string[]): fc.Arbitrary<JsonValue> {
  return fc.tuple(zaloEvent(known), fc.nat({ max: 19 })).map(([event, pick]): JsonValue => {
    if (pick < 11) return { ok: true, result: event };
    if (pick < 17) return event;
    if (pick === 17) return { ok: false, result: event };
    if (pick === 18) return { result: event, event_name: event.event_name ?? null };
    return { ok: true, result: [event] };
  });
}

/** Webhook bodies around Zalo events; `oversize` adds bodies over 1 MB (for the HTTP path). */
export function zaloBody(known: readonly string[], options: { oversize: boolean }): fc.Arbitrary<RawBody> {
  const deep = (depth: number) => `{"ok":true,"result":{"event_name":"message.text.received","message":{"message_id":"d${depth}","date":1,"from":{"id":"1"},"chat":{"id":"1","chat_type":"PRIVATE"},"text":"x","extra":${nestedArrays(depth)}}}}`;
  return rawBodies(zaloDelivery(known), deep, options);
}
