/**
 * Webhook requests as they arrive on the wire, rather than as bodies: headers split into pieces or sent
 * byte by byte past the timeout, wrong paths and methods, wrong or missing secrets, `Expect:
 * 100-continue`, a length announced over the limit, a body shorter or longer than announced, chunked
 * bodies small and huge, and a body that stalls half way. Each shape knows what the server must do.
 */
import fc from 'fast-check';

/** How the body is framed and sent. */
export type Framing = 'exact' | 'short' | 'none' | 'stall' | 'huge' | 'chunked' | 'chunked_huge';

/** One request on one connection. */
export interface WireShape {
  method: 'POST' | 'GET' | 'PUT';
  path: 'webhook' | 'elsewhere';
  secret: 'right' | 'wrong' | 'missing';
  framing: Framing;
  expectContinue: boolean;
  /** Where the head is cut into pieces (fractions of its length), each piece after `pieceDelayMs`. */
  cuts: number[];
  pieceDelayMs: number;
  /** Headers one byte at a time, slower than the headers timeout allows. */
  slowHeaders: boolean;
  /** The update's id: unique per case, so that every handled one is stored. */
  updateId: number;
  userId: number;
}

/**
 * What the server must do: answer with this status (`fromHeaders`: decided before the body, so never
 * after a `100 Continue`), or cut the connection (408 at most).
 */
export type WireOutcome = { kind: 'status'; status: number; fromHeaders: boolean } | { kind: 'cut' };

/** The answer a shape must get, in the order the server decides: path, secret, size, body. */
export function expectedOutcome(shape: WireShape): WireOutcome {
  if (shape.slowHeaders) return { kind: 'cut' };
  if (shape.path === 'elsewhere') return { kind: 'status', status: 404, fromHeaders: true };
  if (shape.method !== 'POST') return { kind: 'status', status: 405, fromHeaders: true };
  if (shape.secret !== 'right') return { kind: 'status', status: 401, fromHeaders: true };
  switch (shape.framing) {
    case 'huge':
      return { kind: 'status', status: 413, fromHeaders: true };
    case 'chunked_huge':
      return { kind: 'status', status: 413, fromHeaders: false };
    case 'stall':
      return { kind: 'cut' };
    case 'short':
    case 'none':
      // The body read is cut short (or empty): not JSON.
      return { kind: 'status', status: 400, fromHeaders: false };
    default:
      return { kind: 'status', status: 200, fromHeaders: false };
  }
}

let nextUpdateId = 700_000_000;

/** Shapes, most of them plausible, some slow; ids are unique across the run. */
export function wireShapes(users: readonly number[]): fc.Arbitrary<WireShape> {
  return fc.record({
    method: fc.oneof({ arbitrary: fc.constant<'POST'>('POST'), weight: 10 }, { arbitrary: fc.constantFrom<'GET' | 'PUT'>('GET', 'PUT'), weight: 1 }),
    path: fc.oneof({ arbitrary: fc.constant<'webhook'>('webhook'), weight: 10 }, { arbitrary: fc.constant<'elsewhere'>('elsewhere'), weight: 1 }),
    secret: fc.oneof({ arbitrary: fc.constant<'right'>('right'), weight: 6 }, { arbitrary: fc.constantFrom<'wrong' | 'missing'>('wrong', 'missing'), weight: 2 }),
    framing: fc.oneof(
      { arbitrary: fc.constantFrom<Framing>('exact', 'chunked'), weight: 10 },
      { arbitrary: fc.constantFrom<Framing>('short', 'none', 'huge', 'chunked_huge'), weight: 3 },
      { arbitrary: fc.constant<Framing>('stall'), weight: 1 },
    ),
    expectContinue: fc.boolean(),
    cuts: fc.uniqueArray(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { maxLength: 4 }).map((cuts) => cuts.sort()),
    pieceDelayMs: fc.integer({ min: 0, max: 15 }),
    slowHeaders: fc.oneof({ arbitrary: fc.constant(false), weight: 25 }, { arbitrary: fc.constant(true), weight: 1 }),
    updateId: fc.constant(0).map(() => nextUpdateId++),
    userId: fc.constantFrom(...users),
  });
}

/** The update a shape carries: a plain text message from a private chat. */
export function updateBody(shape: WireShape): string {
  const from = { id: shape.userId, is_bot: false, first_name: 'Lan' };
  return JSON.stringify({ update_id: shape.updateId, message: { message_id: shape.updateId, date: 1_800_000_000, chat: { id: shape.userId, type: 'private' }, from, text: 'xin chào' } });
}
