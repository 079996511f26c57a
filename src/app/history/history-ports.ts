/**
 * What the history import works with: the reports it read from a workbook, the problems it found
 * (each with its sheet, row and column, so the operator can find the cell), and the storage it needs.
 */
import type { Answers, Form } from '../../domain/index.ts';

/** One thing wrong with the workbook. `code` is a full message key (`history.problem.*` or `answers.*`). */
export interface HistoryProblem {
  sheet?: string;
  /** The sheet's row number (1 is the header); 0 means the file as a whole. */
  line: number;
  /** The column's header as the file names it. */
  column?: string;
  code: string;
  params?: Record<string, string | number>;
}

/** One past report read from a row and checked against its form version. */
export interface HistoryReport {
  sheet: string;
  line: number;
  unitId: number;
  unitCode: string;
  formId: string;
  formVersion: number;
  periodKey: string;
  answers: Answers;
  late: boolean;
  submittedAt: Date;
}

/** A unit as the import looks it up by code. */
export interface HistoryUnit {
  id: number;
  code: string;
}

/** A report already stored for a unit, form and period. */
export interface StoredReport {
  id: number;
  unitId: number;
  formId: string;
  periodKey: string;
  formVersion: number;
  answers: Answers;
}

/** Every known version of each form: the stored definitions and the shipped files. */
export type FormCatalog = ReadonlyMap<string, ReadonlyMap<number, Form>>;

/** Storage for the history import. */
export interface HistoryStore {
  units(): Promise<HistoryUnit[]>;
  /** The stored reports with these keys (unit, form, period). */
  stored(keys: ReadonlyArray<{ unitId: number; formId: string; periodKey: string }>): Promise<StoredReport[]>;
  /**
   * Writes the reports in one transaction, each as revision 1, accepted and marked imported by the
   * actor, with one audit entry for the whole import.
   */
  write(reports: readonly HistoryReport[], meta: { actor: string; file: string; unchanged: number }, now: Date): Promise<void>;
}
