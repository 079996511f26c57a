/**
 * The digest's review section as chat lines: per form and digest period, how many reports are new,
 * accepted and returned, then the returned reports that have waited more than three days (unit,
 * period, since when, the reason shortened). Short on purpose: forms go by their short titles, a
 * period without a report is left out, and the list of waiting reports stops after a few.
 */
import { pickText, type Locale } from '../../domain/index.ts';
import { shortReason, STALE_RETURN_DAYS, type FormReview } from '../../domain/digest/index.ts';
import { periodLabel } from '../../dialog/period-label.ts';
import type { ReplyLine } from '../../dialog/replies.ts';
import { formatDate, formatNumber } from '../../i18n/format.ts';

/** How many returned reports a chat message names before "and N more". */
export const STALE_RETURNS_SHOWN = 10;

/** The review section, or no lines when the digest's periods hold no report and nothing waits. */
export function reviewLines(review: readonly FormReview[], locale: Locale, timeZone: string): ReplyLine[] {
  const counted = review.flatMap(({ form, periods }) =>
    periods
      .filter(({ counts }) => counts.new + counts.accepted + counts.returned > 0)
      .map(({ window, counts }): ReplyLine => ({
        key: 'digest.review_line',
        params: {
          form: pickText(form.shortTitle, locale),
          period: periodLabel(form.period, window.key),
          new: formatNumber(locale, counts.new),
          accepted: formatNumber(locale, counts.accepted),
          returned: formatNumber(locale, counts.returned),
        },
      })),
  );
  const stale = review.flatMap(({ form, staleReturns }) => staleReturns.map((item) => ({ form, item })));
  if (counted.length === 0 && stale.length === 0) return [];
  const lines: ReplyLine[] = [{ text: '' }, { key: 'digest.review_title', style: 'title' }, ...counted];
  if (stale.length === 0) return lines;
  // The longest-waiting first, across forms: those are the ones to chase.
  stale.sort((a, b) => a.item.returnedAt.getTime() - b.item.returnedAt.getTime());
  lines.push({ key: 'digest.review_stale_title', params: { days: STALE_RETURN_DAYS, count: formatNumber(locale, stale.length) } });
  for (const { form, item } of stale.slice(0, STALE_RETURNS_SHOWN)) {
    lines.push({
      key: 'digest.review_stale_line',
      params: {
        unit: item.unit.name,
        form: pickText(form.shortTitle, locale),
        period: periodLabel(form.period, item.periodKey),
        since: formatDate(locale, item.returnedAt, timeZone),
        days: formatNumber(locale, item.days),
        reason: shortReason(item.reason),
      },
    });
  }
  if (stale.length > STALE_RETURNS_SHOWN) lines.push({ key: 'digest.review_stale_more', params: { count: formatNumber(locale, stale.length - STALE_RETURNS_SHOWN) } });
  return lines;
}
