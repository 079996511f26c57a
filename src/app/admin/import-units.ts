import type { ImportProblem } from './import-problem.ts';
import type { ImportProgress } from './import-progress.ts';
import { readImportFile } from './read-import-file.ts';
import { checkHierarchy } from './unit-hierarchy.ts';
import { planUnitImport, summarizeUnitPlan, type ImportSummary, type StoredUnit, type UnitImportPlan } from './unit-import-plan.ts';
import { readUnitRows } from './unit-rows.ts';

/** What the units import needs of storage. */
export interface UnitImportStore {
  storedUnits(): Promise<StoredUnit[]>;
  /** Writes the plan in one transaction, with its audit entries; `onProgress` gets the changes written so far. */
  applyUnitPlan(plan: UnitImportPlan, meta: { actor: string; file: string }, onProgress: (done: number) => void): Promise<void>;
}

/** The outcome of an import: its summary, or every problem (and then nothing was written). */
export type ImportOutcome =
  | { ok: true; dryRun: boolean; rows: number; summary: ImportSummary }
  | { ok: false; problems: ImportProblem[] };

export interface ImportOptions {
  actor: string;
  dryRun: boolean;
  /** Called with the number of data rows once the file is read, to decide whether to show progress. */
  progressFor?: (rows: number) => ImportProgress;
}

/**
 * `units import`: reads the file, checks every row and the resulting tree against the database, and
 * only when the whole file is valid writes the difference in one transaction. Idempotent: the same file
 * twice changes nothing the second time.
 */
export async function importUnits(bytes: Uint8Array, fileName: string, store: UnitImportStore, options: ImportOptions): Promise<ImportOutcome> {
  const read = await readImportFile(bytes, fileName);
  if (!read.ok) return read;
  const { units, problems, parentColumn, fileCodes } = readUnitRows(read.table);
  const stored = await store.storedUnits();
  if (units.length > 0) problems.push(...checkHierarchy(units, stored, parentColumn, fileCodes));
  if (problems.length > 0) return { ok: false, problems };
  const plan = planUnitImport(units, stored);
  const summary = summarizeUnitPlan(plan);
  const rows = read.table.rows.length;
  const changes = plan.create.length + plan.update.length + plan.deactivate.length;
  if (!options.dryRun && changes > 0) {
    const progress = options.progressFor?.(rows);
    progress?.start(changes);
    try {
      await store.applyUnitPlan(plan, { actor: options.actor, file: fileName }, (done) => progress?.update(done));
    } finally {
      progress?.stop();
    }
  }
  return { ok: true, dryRun: options.dryRun, rows, summary };
}
