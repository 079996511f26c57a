/**
 * Button data of odd shapes: the engine's own prefixes with impossible values (`c:999.999`, `p:-1`,
 * `a:`), unknown prefixes, prototype names, non-ASCII and very long data.
 */
import fc from 'fast-check';

const shaped = fc.constantFrom(
  'c:0.1', 'c:1.2', 'c:999.999', 'c:-1.2', 'c:1', 'c:', 'c:.', 'c:1.2.3', 'c:NaN.NaN', 'c:1e9.1', 'c:0x1.0b1', 'c:١.٢',
  'p:-1', 'p:0', 'p:1', 'p:2', 'p:3', 'p:99999999999999999999', 'p:abc', 'p:1.5', 'p:',
  'a:', 'a:confirm', 'a:back', 'a:skip', 'a:cancel', 'a:__proto__', 'a:confirm\u0000', 'a:edit',
  'l:en', 'l:vi', 'l:', 'l:tiếng anh', 'l:xx', 'e:1', 'e:-5', 'e:', 'u:1', 'u:', 'u:-1', 'u:99999999',
  ':', '::', '', 'x', 'c', '__proto__:1', 'constructor:x', 'toString:', 'hasOwnProperty:a',
);

/** Any odd callback data. */
export const oddCallbackData: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: shaped, weight: 8 },
  {
    arbitrary: fc.tuple(fc.constantFrom('a', 'c', 'p', 'l', 'e', 'u', 'zz', ''), fc.string({ maxLength: 20, unit: 'binary' })).map(([prefix, rest]) => `${prefix}:${rest}`),
    weight: 3,
  },
  { arbitrary: fc.tuple(fc.integer({ min: -3, max: 40 }), fc.integer({ min: -3, max: 12 })).map(([q, c]) => `c:${q}.${c}`), weight: 3 },
  { arbitrary: fc.tuple(fc.constantFrom('c:', 'p:', 'a:', ''), fc.integer({ min: 64, max: 20_000 })).map(([prefix, n]) => prefix + '9'.repeat(n)), weight: 1 },
  { arbitrary: fc.string({ maxLength: 64, unit: 'grapheme' }), weight: 1 },
);
