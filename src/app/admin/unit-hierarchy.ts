import { problem, type ImportProblem } from './import-problem.ts';
import type { UnitInput } from './unit-rows.ts';

/** A unit already in the database, by code, as the hierarchy check needs it. */
export interface KnownUnit {
  code: string;
  parentCode: string | null;
  active: boolean;
}

/**
 * Checks the tree the file would make together with the database: every parent must be in the file or
 * an active unit already stored, and no unit may end up its own ancestor (the file's parents override
 * the stored ones, so a cycle through stored units is caught too). Each cycle is reported once, at the
 * first of its rows in the file. `fileCodes` are codes of rows that failed their own checks: a child of
 * one is not also reported as an orphan.
 */
export function checkHierarchy(units: UnitInput[], known: KnownUnit[], parentColumn: string, fileCodes: ReadonlySet<string> = new Set()): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const inFile = new Map(units.map((unit) => [unit.code, unit]));
  const stored = new Map(known.map((unit) => [unit.code, unit]));
  for (const unit of units) {
    if (unit.parentCode === null || inFile.has(unit.parentCode) || fileCodes.has(unit.parentCode)) continue;
    if (!stored.get(unit.parentCode)?.active) problems.push(problem(unit.line, parentColumn, 'unknown_parent', { parent: unit.parentCode }));
  }
  const parentOf = (code: string): string | null =>
    inFile.has(code) ? (inFile.get(code)?.parentCode ?? null) : (stored.get(code)?.parentCode ?? null);
  const state = new Map<string, 'visiting' | 'done'>();
  for (const unit of units) {
    const path: string[] = [];
    let code: string | null = unit.code;
    while (code !== null && state.get(code) === undefined) {
      state.set(code, 'visiting');
      path.push(code);
      code = parentOf(code);
    }
    if (code !== null && state.get(code) === 'visiting') {
      const cycle = path.slice(path.indexOf(code));
      const lines = cycle.map((member) => inFile.get(member)?.line).filter((line): line is number => line !== undefined);
      problems.push(problem(Math.min(...lines), parentColumn, 'cycle', { path: [...cycle, code].join(' → ') }));
    }
    for (const member of path) state.set(member, 'done');
  }
  return problems;
}

