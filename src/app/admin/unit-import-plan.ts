import type { UnitInput } from './unit-rows.ts';

/** A unit as stored, with its parent's code. */
export interface StoredUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  active: boolean;
}

/** The fields an import may change on a unit. */
export interface UnitState {
  name: string;
  kind: string;
  parentCode: string | null;
  active: boolean;
}

/** What importing a units file will do, computed before anything is written (and all `--dry-run` shows). */
export interface UnitImportPlan {
  create: UnitInput[];
  update: Array<{ id: number; code: string; before: UnitState; after: UnitState }>;
  deactivate: Array<{ id: number; code: string }>;
  unchanged: number;
}

/** The counts an import reports. */
export interface ImportSummary {
  added: number;
  updated: number;
  deactivated: number;
  unchanged: number;
}

/**
 * Compares the file with the database. Units are keyed by code; a stored unit left out of the file is
 * deactivated (never deleted, so its reports and history stay), except the root province unit and any
 * unit the file still hangs units under (an ancestor of a unit in the file).
 */
export function planUnitImport(units: UnitInput[], stored: StoredUnit[]): UnitImportPlan {
  const byCode = new Map(stored.map((unit) => [unit.code, unit]));
  const inFile = new Map(units.map((unit) => [unit.code, unit]));
  const plan: UnitImportPlan = { create: [], update: [], deactivate: [], unchanged: 0 };
  for (const unit of units) {
    const current = byCode.get(unit.code);
    if (!current) {
      plan.create.push(unit);
      continue;
    }
    const before: UnitState = { name: current.name, kind: current.kind, parentCode: current.parentCode, active: current.active };
    const after: UnitState = { name: unit.name, kind: unit.kind, parentCode: unit.parentCode, active: true };
    const same = before.name === after.name && before.kind === after.kind && before.parentCode === after.parentCode && before.active;
    if (same) plan.unchanged += 1;
    else plan.update.push({ id: current.id, code: unit.code, before, after });
  }
  const keep = new Set<string>();
  for (const unit of units) {
    let code: string | null = unit.parentCode;
    while (code !== null && !keep.has(code) && !inFile.has(code)) {
      keep.add(code);
      code = byCode.get(code)?.parentCode ?? null;
    }
  }
  for (const unit of stored) {
    const isRoot = unit.kind === 'province' && unit.parentCode === null;
    if (unit.active && !inFile.has(unit.code) && !keep.has(unit.code) && !isRoot) plan.deactivate.push({ id: unit.id, code: unit.code });
  }
  return plan;
}

/** The summary of a plan. */
export function summarizeUnitPlan(plan: UnitImportPlan): ImportSummary {
  return { added: plan.create.length, updated: plan.update.length, deactivated: plan.deactivate.length, unchanged: plan.unchanged };
}
