import type { Answers } from '../../domain/index.ts';
import type { ReviewState } from '../../domain/review/review-state.ts';
import type { NotificationTarget } from '../notification-ports.ts';
import type { OutboxDraft } from '../outbox-ports.ts';

/** A stored report as a reviewer sees it: the current revision, the one before it, and its review. */
export interface ReviewItem {
  id: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  formId: string;
  formVersion: number;
  periodKey: string;
  revision: number;
  answers: Answers;
  /** The previous revision's answers and form version, when there is one. */
  previous: { answers: Answers; formVersion: number } | null;
  submittedAt: Date;
  late: boolean;
  state: ReviewState;
  reason: string | null;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  importedBy: string | null;
}

/** Which reports to list; every field narrows; `unitIds` null means every unit. */
export interface ReviewFilter {
  unitIds: readonly number[] | null;
  states?: readonly ReviewState[];
  formId?: string;
  periodKey?: string;
}

/** A decision to write: conditional on the report still being at `revision` and new. */
export interface ReviewDecision {
  submissionId: number;
  revision: number;
  state: 'accepted' | 'returned';
  reason: string | null;
  actor: string;
  now: Date;
  /** Messages to the unit's reporters, written in the same transaction. */
  notices: OutboxDraft[];
}

/** A reviewer waiting in chat: which report was shown, and what is expected next. */
export interface ReviewPromptRecord {
  contactId: number;
  submissionId: number;
  revision: number;
  stage: 'decide' | 'reason';
}

/** What the review loop reads and writes. */
export interface ReviewStore {
  list(filter: ReviewFilter): Promise<ReviewItem[]>;
  get(submissionId: number): Promise<ReviewItem | null>;
  /**
   * Writes the decision, its audit entry and its notices in one transaction; 'changed' when the
   * report is no longer new at that revision (someone else decided, or the unit sent a new one).
   */
  decide(decision: ReviewDecision): Promise<'done' | 'changed'>;
  /** Active reporters of a unit, with where to reach them. */
  reporters(unitId: number): Promise<NotificationTarget[]>;
  /** A contact, with where to reach them (a reviewer told of a new revision). */
  target(contactId: number): Promise<NotificationTarget | null>;
  prompt(contactId: number): Promise<ReviewPromptRecord | null>;
  setPrompt(prompt: ReviewPromptRecord): Promise<void>;
  clearPrompt(contactId: number): Promise<void>;
  /** Writes notices and an audit entry together (a resent report's reviewer told). */
  notify(notices: OutboxDraft[], audit: { actor: string; action: string; entityId: number; detail: unknown }, now: Date): Promise<void>;
}
