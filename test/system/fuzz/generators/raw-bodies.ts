/**
 * Webhook request bodies: the JSON of an update (valid or mutated), valid JSON cut short, garbage,
 * JSON nested hundreds of thousands of levels deep, invalid UTF-8 bytes, and bodies over the 1 MB limit.
 */
import fc from 'fast-check';
import { MAX_BODY_BYTES } from '../../../../src/http/http-server.ts';
import { mutate, mutations, type JsonValue } from './json-mutations.ts';

/** What was sent, and how it was made (for the counterexample and for the expected answer). */
export interface RawBody {
  kind: 'json' | 'mutated' | 'truncated' | 'garbage' | 'deep' | 'bytes' | 'oversize';
  body: string | Buffer;
}

/** A body that prints short in a counterexample: its kind, its size and its first characters. */
function printable(raw: RawBody): RawBody {
  const text = typeof raw.body === 'string' ? raw.body : `<bytes> ${raw.body.toString('hex')}`;
  const shown = text.length > 600 ? `${text.slice(0, 600)}… (${text.length} characters)` : text;
  return Object.assign(raw, { [fc.toStringMethod]: () => `{ kind: ${raw.kind}, body: ${JSON.stringify(shown)} }` });
}

/** Builds a document nested `depth` levels deep inside an otherwise plausible envelope. */
export type DeepBody = (depth: number) => string;

/** Deep arrays, as text: `[[[…]]]`. */
export function nestedArrays(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

const garbage = fc.oneof(
  fc.constantFrom('', 'null', '[]', '{}', '"x"', '123', 'true', '{"update_id":', '\ufeff{}', 'undefined', '{update_id: 1}', "{'a':1}", '{"a":1}{"b":2}', '[1,2', '{"ok":true,"result":'),
  fc.string({ maxLength: 60, unit: 'binary' }),
);

/** Bodies built around `valid` documents; `deep` puts a deeply nested value where the channel reads. */
export function rawBodies(valid: fc.Arbitrary<JsonValue>, deep: DeepBody, options: { oversize: boolean }): fc.Arbitrary<RawBody> {
  const choices: Array<fc.WeightedArbitrary<RawBody>> = [
    { arbitrary: valid.map((value): RawBody => ({ kind: 'json', body: JSON.stringify(value) })), weight: 12 },
    { arbitrary: fc.tuple(valid, mutations).map(([value, changes]): RawBody => ({ kind: 'mutated', body: JSON.stringify(mutate(value, changes)) })), weight: 8 },
    {
      arbitrary: fc.tuple(valid, fc.nat()).map(([value, cut]): RawBody => {
        const text = JSON.stringify(value);
        return { kind: 'truncated', body: text.slice(0, cut % Math.max(1, text.length)) };
      }),
      weight: 3,
    },
    { arbitrary: garbage.map((body): RawBody => ({ kind: 'garbage', body })), weight: 2 },
    {
      arbitrary: fc.oneof(
        fc.uint8Array({ maxLength: 200 }).map((bytes): RawBody => ({ kind: 'bytes', body: Buffer.from(bytes) })),
        fc.tuple(valid, fc.nat()).map(([value, at]): RawBody => {
          const text = Buffer.from(JSON.stringify(value), 'utf8');
          const cut = at % Math.max(1, text.length);
          return { kind: 'bytes', body: Buffer.concat([text.subarray(0, cut), Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80]), text.subarray(cut)]) };
        }),
      ),
      weight: 1,
    },
    { arbitrary: fc.constantFrom(2_000, 10_000, 100_000).map((depth): RawBody => ({ kind: 'deep', body: deep(depth) })), weight: 1 },
  ];
  if (options.oversize) {
    choices.push({
      arbitrary: fc.nat({ max: 4096 }).map((extra): RawBody => ({ kind: 'oversize', body: `{"pad":"${'x'.repeat(MAX_BODY_BYTES + extra)}"}` })),
      weight: 1,
    });
  }
  return fc.oneof(...choices).map(printable);
}
