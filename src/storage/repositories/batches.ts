/**
 * Splits a list into slices of at most `size`: "IN (…)" lists and multi-row inserts stay well under the
 * database's limit on bound parameters (SQLite's is 32,766; PostgreSQL's 65,535).
 */
export function batches<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
