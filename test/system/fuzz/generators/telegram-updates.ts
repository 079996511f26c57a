/**
 * Telegram updates as the Bot API sends them (text messages, commands, button presses, stickers,
 * photos, edits, group messages, other update kinds) with odd contents, and webhook bodies around them.
 */
import fc from 'fast-check';
import { oddCallbackData } from './callback-data.ts';
import type { JsonValue } from './json-mutations.ts';
import { oddName, oddText } from './odd-text.ts';
import { nestedArrays, rawBodies, type RawBody } from './raw-bodies.ts';

/** Who writes: mostly the given users (registered or not), sometimes anyone, bots and impossible ids included. */
function userIdFrom(known: readonly number[]): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...known), weight: 8 },
    { arbitrary: fc.integer({ min: 1, max: 2 ** 40 }), weight: 1 },
    { arbitrary: fc.constantFrom(0, -1, -100_123_456, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2), weight: 1 },
  );
}

function user(id: number): fc.Arbitrary<Record<string, JsonValue>> {
  return fc.record(
    {
      id: fc.constant(id),
      is_bot: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
      first_name: oddName,
      last_name: oddName,
      username: fc.constantFrom('lan_le', 'a', 'x'.repeat(64)),
      language_code: fc.constantFrom('vi', 'en', 'en-US', 'fr', '', 'VI', 'zh-hans'),
    },
    { requiredKeys: ['id', 'first_name'] },
  );
}

const updateId = fc.nat({ max: 2 ** 31 - 1 });
const chatType = fc.oneof({ arbitrary: fc.constant('private'), weight: 9 }, { arbitrary: fc.constantFrom('group', 'supergroup', 'channel'), weight: 1 });
const date = fc.integer({ min: 1_700_000_000, max: 1_900_000_000 });

/** A message of some content from `from` in a private chat (mostly). */
function message(from: number): fc.Arbitrary<Record<string, JsonValue>> {
  const content = fc.oneof(
    { arbitrary: oddText.map((text): Record<string, JsonValue> => ({ text })), weight: 12 },
    {
      arbitrary: oddText.map((text): Record<string, JsonValue> => ({ text, entities: [{ type: 'bot_command', offset: 0, length: Math.max(1, Math.min(text.length, 8)) }] })),
      weight: 2,
    },
    { arbitrary: fc.constant<Record<string, JsonValue>>({ sticker: { file_id: 'CAAC', file_unique_id: 'u', width: 512, height: 512, is_animated: false, is_video: false, type: 'regular' } }), weight: 1 },
    { arbitrary: oddText.map((caption): Record<string, JsonValue> => ({ photo: [{ file_id: 'AgAD', file_unique_id: 'p', width: 90, height: 90 }], caption })), weight: 1 },
    { arbitrary: fc.constant<Record<string, JsonValue>>({ new_chat_members: [] }), weight: 1 },
  );
  return fc.tuple(fc.nat({ max: 1_000_000 }), date, chatType, user(from), content, fc.boolean()).map(([messageId, when, type, sender, body, sameChat]) => ({
    message_id: messageId,
    date: when,
    chat: { id: sameChat || type === 'private' ? from : -from - 1, type },
    from: sender,
    ...body,
  }));
}

/** A valid update: a message, a button press, or an update kind the bot does not answer. */
export function telegramUpdate(known: readonly number[]): fc.Arbitrary<Record<string, JsonValue>> {
  const ids = userIdFrom(known);
  const messageUpdate = fc.tuple(updateId, ids.chain(message)).map(([id, msg]) => ({ update_id: id, message: msg }));
  // The message a button was on: usually the bot's, absent for inline messages, sometimes cut short or of another type.
  const oddMessage = fc.constantFrom<JsonValue>({ message_id: 3 }, { message_id: 3, chat: null }, { message_id: 3, chat: {} }, [], 'Câu 1/5', 7, null);
  const callbackUpdate = fc
    .tuple(updateId, ids, oddCallbackData, fc.option(fc.nat({ max: 1_000_000 }), { nil: undefined }), fc.string({ minLength: 1, maxLength: 20 }), fc.option(oddMessage, { nil: undefined, freq: 12 }))
    .chain(([id, from, data, messageId, queryId, odd]) =>
      user(from).map((sender) => ({
        update_id: id,
        callback_query: {
          id: queryId,
          from: sender,
          chat_instance: '-123',
          data,
          ...(odd !== undefined
            ? { message: odd }
            : messageId === undefined
              ? { inline_message_id: 'inl' }
              : { message: { message_id: messageId, date: 1_800_000_000, chat: { id: from, type: 'private' }, text: 'Câu 1/5' } }),
        },
      })),
    );
  const otherUpdate = fc
    .tuple(updateId, ids.chain(message), fc.constantFrom('edited_message', 'channel_post', 'edited_channel_post', 'my_chat_member', 'inline_query'))
    .map(([id, msg, kind]) => ({ update_id: id, [kind]: msg }));
  return fc.oneof({ arbitrary: messageUpdate, weight: 10 }, { arbitrary: callbackUpdate, weight: 5 }, { arbitrary: otherUpdate, weight: 1 });
}

/** Webhook bodies around Telegram updates; `oversize` adds bodies over 1 MB (for the HTTP path). */
export function telegramBody(known: readonly number[], options: { oversize: boolean }): fc.Arbitrary<RawBody> {
  const deep = (depth: number) => `{"update_id":${depth},"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"from":{"id":1,"first_name":"A"},"text":"x","extra":${nestedArrays(depth)}}}`;
  return rawBodies(telegramUpdate(known), deep, options);
}
