/**
 * What the review loop says: a report as a reviewer sees it (answers, what changed since the previous
 * revision, the two choices), and the notices to the unit's reporters and to the reviewer. Pure: the
 * channel renders them (buttons on Telegram, numbered lines on Zalo and in the terminal).
 */
import { pickText, type Form, type Locale } from '../../domain/index.ts';
import { formatAnswer } from '../../i18n/format-answer.ts';
import { answerChanges } from './answer-changes.ts';
import { periodLabel } from '../../dialog/period-label.ts';
import type { Reply, ReplyLine } from '../../dialog/replies.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { OutboxPayload } from '../outbox-payload.ts';
import type { ReviewItem } from './review-ports.ts';

/** The button prefix of review decisions: "rv:a:<id>.<revision>" accepts, "rv:r:<id>.<revision>" returns. */
export const REVIEW_BUTTON_PREFIX = 'rv';

/** How many waiting reports the list names before the first one is shown. */
export const LISTED_AT_MOST = 10;

function formTitle(form: Form | undefined, item: ReviewItem, locale: Locale): string {
  return form ? pickText(form.title, locale) : item.formId;
}

function period(form: Form | undefined, item: ReviewItem) {
  return periodLabel(form?.period ?? 'yearly', item.periodKey);
}

/** "N reports wait for review, oldest first", with the first few named. */
export function pendingListReply(items: ReviewItem[], formOf: (item: ReviewItem) => Form | undefined, locale: Locale, timeZone: string): Reply {
  const lines: ReplyLine[] = [{ key: 'review.pending_title', params: { count: items.length }, style: 'title' }];
  for (const item of items.slice(0, LISTED_AT_MOST)) {
    const form = formOf(item);
    lines.push({ key: 'review.pending_line', params: { id: item.id, unit: item.unitName, form: formTitle(form, item, locale), period: period(form, item), at: formatDateTime(locale, item.submittedAt, timeZone) } });
  }
  if (items.length > LISTED_AT_MOST) lines.push({ key: 'review.pending_more', params: { count: items.length - LISTED_AT_MOST } });
  return { lines };
}

/** One report for review: its answers, the change from the previous revision, and the two choices. */
export function reviewItemReply(item: ReviewItem, form: Form | undefined, previousForm: Form | undefined, locale: Locale, timeZone: string, withChoices = true): Reply {
  const lines: ReplyLine[] = [
    {
      key: 'review.item_title',
      params: { id: item.id, unit: `${item.unitName} (${item.unitCode})`, form: formTitle(form, item, locale), period: period(form, item), revision: item.revision, at: formatDateTime(locale, item.submittedAt, timeZone) },
      style: 'title',
    },
  ];
  if (item.late) lines.push({ key: 'review.item_late' });
  if (item.importedBy) lines.push({ key: 'review.item_imported' });
  if (form) {
    form.questions.forEach((question, index) => {
      if (!(question.name in item.answers)) return;
      lines.push({ key: 'dialog.review_line', params: { number: index + 1, label: pickText(question.label, locale), value: formatAnswer(form, question, item.answers[question.name], locale) } });
    });
  }
  if (item.previous && form) {
    const changes = answerChanges(previousForm ?? form, item.previous.answers, item.answers, locale);
    lines.push({ key: changes.length ? 'review.changes_title' : 'review.no_changes', params: { revision: item.revision - 1 } });
    for (const change of changes) lines.push({ key: 'review.change_line', params: { ...change } });
  } else {
    lines.push({ key: 'review.first_revision' });
  }
  if (!withChoices) return { lines };
  lines.push({ key: 'review.choose_hint', style: 'hint' });
  const ref = `${item.id}.${item.revision}`;
  return {
    lines,
    options: [
      { data: `${REVIEW_BUTTON_PREFIX}:a:${ref}`, label: '', ref: { key: 'review.accept' } },
      { data: `${REVIEW_BUTTON_PREFIX}:r:${ref}`, label: '', ref: { key: 'review.return' } },
    ],
  };
}

/** To a unit's reporter: the report was returned, why, and how to amend it. */
export function returnedNotice(item: ReviewItem, form: Form | undefined, reason: string, locale: Locale, name: string): OutboxPayload {
  return {
    locale,
    reply: {
      lines: [
        { key: 'review.returned_notice', params: { name, unit: item.unitName, form: formTitle(form, item, locale), period: period(form, item) }, style: 'title' },
        { key: 'review.returned_reason', params: { reason } },
        { key: 'review.returned_how' },
      ],
    },
  };
}

/** To the reviewer who returned (or accepted) a report: the unit sent a new revision. */
export function resentNotice(item: ReviewItem, form: Form | undefined, locale: Locale, name: string): OutboxPayload {
  return {
    locale,
    reply: {
      lines: [
        { key: 'review.resent_notice', params: { name, unit: item.unitName, form: formTitle(form, item, locale), period: period(form, item), revision: item.revision }, style: 'title' },
        { key: 'review.resent_how', params: { id: item.id } },
      ],
    },
  };
}
