/**
 * An append-only array that keeps only its newest `limit` entries, so that long benchmarks do not
 * grow the emulator's memory without bound. It trims in chunks to keep appends cheap.
 */

/** Appends to `list`, dropping the oldest entries once it holds more than `limit` (plus 10 % slack). */
export function appendBounded<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit + Math.max(1, Math.floor(limit / 10))) list.splice(0, list.length - limit);
}

/** Deletes a Map's oldest entries (insertion order) until it holds at most `limit`. */
export function trimMap<K, V>(map: Map<K, V>, limit: number): void {
  if (map.size <= limit) return;
  for (const key of map.keys()) {
    map.delete(key);
    if (map.size <= limit) return;
  }
}
