/**
 * The review loop's use cases, shared by the chat and the command line: who may review which
 * reports, the reports waiting in a reviewer's scope, accepting or returning one (with the unit's
 * reporters told through the outbox, in their language), and telling the reviewer when a unit sends
 * a reviewed report again.
 */
import type { Form } from '../../domain/index.ts';
import { scopeOf, UnitTree, type ScopeRole } from '../../domain/digest/index.ts';
import { refuseVerdict, type ReviewVerdict } from '../../domain/review/review-state.ts';
import type { ReportDataSource } from '../digest/report-data-port.ts';
import type { SubmissionWrite } from '../inbound/inbound-store.ts';
import type { OutboxDraft } from '../outbox-ports.ts';
import { resentNotice, returnedNotice } from './review-messages.ts';
import type { ReviewItem, ReviewStore } from './review-ports.ts';

/** What the review use cases need. */
export interface ReviewDeps {
  store: ReviewStore;
  source: Pick<ReportDataSource, 'units'>;
  forms: { version(formId: string, version: number): Form | undefined };
  timeZone: string;
}

/** Who decides: a contact (by their roles) or the operator at the command line (every unit). */
export type Reviewer = { actor: `contact:${number}`; roles: readonly ScopeRole[] } | { actor: 'cli'; roles: 'all' };

/** A decision's outcome: the report as decided, or a stable refusal code (a message key). */
export type DecideResult = { ok: true; item: ReviewItem } | { ok: false; code: string };

/**
 * The units a reviewer may review: the subtrees of their supervisor and admin roles (a reporter
 * reviews nothing, not even their own unit); null for the operator (every unit).
 */
export async function reviewableUnits(deps: ReviewDeps, reviewer: Reviewer): Promise<Set<number> | null> {
  if (reviewer.roles === 'all') return null;
  const wide = reviewer.roles.filter((role) => role.role === 'supervisor' || role.role === 'admin');
  if (wide.length === 0) return new Set();
  const tree = new UnitTree(await deps.source.units());
  return new Set(scopeOf(tree, wide).map((unit) => unit.id));
}

/** The new reports in the reviewer's scope, oldest first. */
export async function pendingReviews(deps: ReviewDeps, reviewer: Reviewer): Promise<ReviewItem[]> {
  const units = await reviewableUnits(deps, reviewer);
  return deps.store.list({ unitIds: units ? [...units] : null, states: ['new'] });
}

/** One report, if the reviewer may see it; null otherwise (outside the scope looks like unknown). */
export async function reviewItem(deps: ReviewDeps, reviewer: Reviewer, submissionId: number): Promise<ReviewItem | null> {
  const item = await deps.store.get(submissionId);
  if (!item) return null;
  const units = await reviewableUnits(deps, reviewer);
  return !units || units.has(item.unitId) ? item : null;
}

/**
 * Accepts or returns a report. Refused when the reviewer may not review its unit (answered as "not
 * found", so nothing leaks), when it is not new, when a newer revision came in since `revision`, or
 * when a return has no reason. A return tells every reporter of the unit, in the same transaction.
 */
export async function decideReview(deps: ReviewDeps, reviewer: Reviewer, submissionId: number, verdict: ReviewVerdict, now: Date, revision?: number): Promise<DecideResult> {
  const item = await reviewItem(deps, reviewer, submissionId);
  if (!item) return { ok: false, code: 'review.not_found' };
  if (revision !== undefined && revision !== item.revision) return { ok: false, code: 'review.changed' };
  const refusal = refuseVerdict(item.state, verdict);
  if (refusal) return { ok: false, code: refusal };
  const reason = verdict.kind === 'return' ? verdict.reason.trim() : null;
  const form = deps.forms.version(item.formId, item.formVersion);
  const notices: OutboxDraft[] = [];
  if (reason !== null) {
    for (const reporter of await deps.store.reporters(item.unitId)) {
      if (!reporter.address) continue;
      notices.push({
        idempotencyKey: `review-returned:${item.id}:${item.revision}:${reporter.contactId}`,
        contactId: reporter.contactId,
        channel: reporter.address.channel,
        chatId: reporter.address.chatId,
        kind: 'notice',
        payload: returnedNotice(item, form, reason, reporter.locale, reporter.name),
      });
    }
  }
  const state = verdict.kind === 'accept' ? 'accepted' : 'returned';
  const written = await deps.store.decide({ submissionId: item.id, revision: item.revision, state, reason, actor: reviewer.actor, now, notices });
  if (written === 'changed') return { ok: false, code: 'review.changed' };
  return { ok: true, item: { ...item, state, reason, reviewedAt: now, reviewedBy: reviewer.actor } };
}

/**
 * After a unit stored reports: each one a reviewer had decided before (returned, or accepted and then
 * amended) is new again, and that reviewer is told through the outbox; the step goes to the audit log.
 */
export async function reviewedReportsResent(deps: ReviewDeps, writes: readonly SubmissionWrite[], now: Date): Promise<number> {
  let told = 0;
  for (const write of writes) {
    // A period's first report has no reviewer to tell, and asking would cost every report a query.
    if (write.replaces === false) continue;
    const [item] = await deps.store.list({ unitIds: [write.unitId], formId: write.formId, periodKey: write.periodKey });
    if (!item || item.state !== 'new' || item.revision < 2 || !item.reviewedBy) continue;
    const reviewerId = /^contact:(\d+)$/.exec(item.reviewedBy)?.[1];
    const target = reviewerId ? await deps.store.target(Number(reviewerId)) : null;
    const form = deps.forms.version(item.formId, item.formVersion);
    const notices: OutboxDraft[] = target?.address
      ? [{ idempotencyKey: `review-resent:${item.id}:${item.revision}`, contactId: target.contactId, channel: target.address.channel, chatId: target.address.chatId, kind: 'notice', payload: resentNotice(item, form, target.locale, target.name) }]
      : [];
    await deps.store.notify(notices, { actor: `contact:${write.contactId}`, action: 'submission.resubmit', entityId: item.id, detail: { revision: item.revision, reviewer: item.reviewedBy } }, now);
    told += notices.length;
  }
  return told;
}
