/**
 * One unit's reports and one report's revisions, for the dashboard's unit and report pages: the
 * history chat never shows in full. Reads only; scope is checked by the caller on the unit.
 */
import type { Answers } from '../../domain/index.ts';

/** A stored report (its current revision), as listed on a unit's page. */
export interface ReportListing {
  id: number;
  unitId: number;
  formId: string;
  periodKey: string;
  revision: number;
  formVersion: number;
  firstSubmittedAt: Date;
  submittedAt: Date;
  late: boolean;
  /** The review state (new, accepted, returned) where storage keeps one; null where it does not. */
  reviewStatus: string | null;
}

/** One submitted revision of a report, never changed afterwards. */
export interface RevisionRecord {
  revision: number;
  formVersion: number;
  answers: Answers;
  submittedAt: Date;
  late: boolean;
  channel: string;
  contactName: string | null;
}

/** A report with its current answers and every revision, newest first. */
export interface ReportDetail extends ReportListing {
  answers: Answers;
  revisions: RevisionRecord[];
}

/** Reads of report history. */
export interface ReportHistorySource {
  /** Every report of a unit, newest period first. */
  reportsOfUnit(unitId: number): Promise<ReportListing[]>;
  /** One report by id, or null. */
  report(id: number): Promise<ReportDetail | null>;
  /** Whether reports carry a review state at all (the "returned" filter depends on it). */
  readonly hasReviewState: boolean;
  /** Units with a returned report among the given periods of a form (empty where there is no review state). */
  returnedUnits(formId: string, periodKeys: readonly string[]): Promise<number[]>;
}
