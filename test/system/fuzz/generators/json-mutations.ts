/**
 * Breaks a valid JSON document the way a buggy client, a proxy or an attacker would: fields deleted,
 * values of the wrong type (numbers as strings, arrays for objects, null), values wrapped in arrays.
 */
import fc from 'fast-check';

/** Any value JSON can carry. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One change at the `at`-th slot of the document (counted modulo the number of slots). */
export interface Mutation {
  at: number;
  kind: 'delete' | 'replace' | 'wrap' | 'stringify';
  value: JsonValue;
}

/** Values of the wrong type for almost any field. */
export const wrongValue: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom<JsonValue>(null, true, false, 0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, '', ' ', '123', 'null', [], {}, [1, 2], { id: 'x' }, [null], JSON.parse('{"__proto__":{"polluted":true}}') as JsonValue),
  fc.integer().map((n): JsonValue => n),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n): JsonValue => n),
  fc.string({ maxLength: 12, unit: 'binary' }).map((s): JsonValue => s),
);

/** A list of one to three mutations. */
export const mutations: fc.Arbitrary<Mutation[]> = fc.array(
  fc.record({ at: fc.nat(), kind: fc.constantFrom<Mutation['kind']>('delete', 'replace', 'replace', 'wrap', 'stringify'), value: wrongValue }),
  { minLength: 1, maxLength: 3 },
);

type Slot = { parent: JsonValue[] | { [key: string]: JsonValue }; key: string | number };

function slotsOf(value: JsonValue, found: Slot[] = []): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      found.push({ parent: value, key: index });
      slotsOf(item, found);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      found.push({ parent: value, key });
      slotsOf(item, found);
    }
  }
  return found;
}

function apply(slot: Slot, mutation: Mutation): void {
  const { parent, key } = slot;
  const current = (parent as Record<string | number, JsonValue>)[key] ?? null;
  let next: JsonValue | undefined;
  if (mutation.kind === 'delete') next = undefined;
  else if (mutation.kind === 'replace') next = mutation.value;
  else if (mutation.kind === 'wrap') next = [current];
  else next = typeof current === 'number' ? String(current) : JSON.stringify(current);
  if (Array.isArray(parent) && typeof key === 'number') {
    if (next === undefined) parent.splice(key, 1);
    else parent[key] = next;
  } else if (!Array.isArray(parent)) {
    if (next === undefined) delete parent[key];
    else Object.defineProperty(parent, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
}

/** A deep copy of `value` with the mutations applied in order; a document with no fields is replaced whole. */
export function mutate(value: JsonValue, changes: Mutation[]): JsonValue {
  let copy = JSON.parse(JSON.stringify(value)) as JsonValue;
  for (const change of changes) {
    const slots = slotsOf(copy);
    const slot = slots[change.at % Math.max(1, slots.length)];
    if (slot === undefined) copy = change.value;
    else apply(slot, change);
  }
  return copy;
}
