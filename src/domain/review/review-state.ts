/**
 * The Department's review of a stored report: new (waiting), accepted, or returned with a reason.
 * Only a new report can be decided; a returned one waits for its unit to send it again, which makes
 * the new revision "new" once more. Pure rules, so the chat, the command line and the tests agree.
 */
export const REVIEW_STATES = ['new', 'accepted', 'returned'] as const;

export type ReviewState = (typeof REVIEW_STATES)[number];

/** What a reviewer decides. */
export type ReviewVerdict = { kind: 'accept' } | { kind: 'return'; reason: string };

/** Longest return reason kept: a few sentences, as a chat message would carry. */
export const MAX_RETURN_REASON = 1000;

/** Reads a stored state; anything unknown counts as new (it still needs a look). */
export function toReviewState(value: string): ReviewState {
  return (REVIEW_STATES as readonly string[]).includes(value) ? (value as ReviewState) : 'new';
}

/** Why a decision is refused, as a stable code (also the message key the user sees). */
export type ReviewRefusal = 'review.not_new' | 'review.reason_missing' | 'review.reason_too_long';

/** Checks a verdict against the report's state; null when it may be applied. */
export function refuseVerdict(state: ReviewState, verdict: ReviewVerdict): ReviewRefusal | null {
  if (state !== 'new') return 'review.not_new';
  if (verdict.kind === 'return') {
    const reason = verdict.reason.trim();
    if (reason.length === 0) return 'review.reason_missing';
    if (reason.length > MAX_RETURN_REASON) return 'review.reason_too_long';
  }
  return null;
}
