/**
 * Finds units from what a supervisor types after /donvi: a code ("SNV", any case) or words of the
 * name typed without diacritics on a phone ("so noi vu" finds "Sở Nội vụ"). Each typed word must
 * begin a word of the name, so "y te" finds "Sở Y tế" but not every name containing a "y".
 */
import { foldForMatch } from '../text/normalize.ts';
import { byName, type UnitNode } from '../organisation/unit-tree.ts';

/** The outcome of a search: one unit, several to choose from, or none. */
export type UnitMatch =
  | { kind: 'one'; unit: UnitNode }
  | { kind: 'many'; units: UnitNode[] }
  | { kind: 'none' };

function words(text: string): string[] {
  return foldForMatch(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Searches the given units (already limited to the contact's scope). */
export function matchUnits(units: readonly UnitNode[], query: string): UnitMatch {
  const typed = query.trim();
  if (!typed) return { kind: 'none' };
  const code = typed.toLowerCase();
  const byCode = units.find((unit) => unit.code.toLowerCase() === code);
  if (byCode) return { kind: 'one', unit: byCode };
  const wanted = words(typed);
  if (wanted.length === 0) return { kind: 'none' };
  const folded = wanted.join(' ');
  const found: UnitNode[] = [];
  for (const unit of units) {
    const nameWords = words(unit.name);
    if (nameWords.join(' ') === folded) return { kind: 'one', unit };
    if (wanted.every((word) => nameWords.some((name) => name.startsWith(word)))) found.push(unit);
  }
  if (found.length === 0) return { kind: 'none' };
  if (found.length === 1) return { kind: 'one', unit: found[0] as UnitNode };
  return { kind: 'many', units: found.sort(byName) };
}
