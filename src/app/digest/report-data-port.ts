/**
 * What the digest, the supervisor queries and the exports read from storage, as batch reads:
 * every call returns rows for many units at once, so a digest over thousands of units is a handful
 * of queries, never one per unit.
 */
import type { Answers } from '../../domain/index.ts';
import type { FiledStatus, ReturnedReportRow, ReviewStatusRow, SubmissionStatus, UnitNode, UnreachableIdentity } from '../../domain/digest/index.ts';
import type { ContactRecord } from '../ports.ts';

/** One stored submission's current answers, for indicators. */
export interface AnswerRow {
  unitId: number;
  formId: string;
  periodKey: string;
  formVersion: number;
  answers: Answers;
}

/** Receives one report's current answers (parsed; `{}` when unreadable), to read only: they may be shared between reads. */
export type AnswerVisitor = (unitId: number, periodKey: string, answers: Answers) => void;

/** A submission as the exports and listings show it. */
export interface SubmissionRecord extends SubmissionStatus, AnswerRow {
  revision: number;
  firstSubmittedAt: Date;
  /** The stored report's id (what `submissions review` takes) and its review state, where storage has them. */
  id?: number;
  reviewState?: string;
  /** Loaded from a workbook of past reports (`submissions import`) rather than filed in chat. */
  imported?: boolean;
}

/** Which submissions to list; every field narrows. */
export interface SubmissionFilter {
  formId?: string;
  periodKey?: string;
}

/** Batch reads for reporting. `unitIds` null means every unit. */
export interface ReportDataSource {
  /** Every unit, active or not (scope walks pass through inactive ones). */
  units(): Promise<UnitNode[]>;
  /** Who filed which of the given periods of a form, and whether late. */
  statuses(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null): Promise<SubmissionStatus[]>;
  /** Who filed which of the given periods of a form and whether late, without times: what completeness reads. */
  filed(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null): Promise<FiledStatus[]>;
  /** Current answers of the given periods of a form. */
  answers(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null): Promise<AnswerRow[]>;
  /**
   * The same reports as `answers`, in the same order, handed to `visit` one at a time instead of
   * gathered in a list: a province's year of monthly reports is read without holding every row.
   */
  eachAnswer(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null, visit: AnswerVisitor): Promise<void>;
  /** Channel identities marked unreachable, with their contacts' role units. */
  unreachable(): Promise<UnreachableIdentity[]>;
  /** Submissions with answers, for exports and listings. */
  list(filter: SubmissionFilter): Promise<SubmissionRecord[]>;
  /** The review state of each stored report of the given periods of a form: what the digest counts. */
  reviewStates(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null): Promise<ReviewStatusRow[]>;
  /** Every report currently returned to its unit (any form and period), with when and why. */
  returnedReports(unitIds: readonly number[] | null): Promise<ReturnedReportRow[]>;
  /**
   * A token that changes whenever anything these reads return may change (units, contacts, roles,
   * reachability, reports, reviews), whichever process made the change; absent where storage cannot tell.
   */
  dataVersion?(): Promise<string>;
}

/** Contacts by id, for the composer that writes to one supervisor. */
export interface ContactLookup {
  findById(id: number): Promise<ContactRecord | null>;
}
