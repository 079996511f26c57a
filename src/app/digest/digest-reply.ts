/**
 * The digest as one chat message: the scope and date, completeness of the latest two periods of
 * each form with the units that have not reported, every indicator, and the contacts the bot can
 * no longer reach. Kept as message keys so each channel renders it in the contact's language.
 */
import { pickText, type Locale } from '../../domain/index.ts';
import type { DigestData, FormCompleteness } from '../../domain/digest/index.ts';
import { periodLabel } from '../../dialog/period-label.ts';
import type { Reply, ReplyLine } from '../../dialog/replies.ts';
import { formatDate, formatNumber } from '../../i18n/format.ts';
import { indicatorLines, nameList } from './indicator-lines.ts';
import { reviewLines } from './review-lines.ts';

/** How many missing units a chat message names per period before "and N more". */
export const MISSING_SHOWN = 15;

/** The scope's name: its top unit, or the top units joined. */
export function scopeName(data: Pick<DigestData, 'roots'>): string {
  return data.roots.map((unit) => unit.name).join(', ');
}

/** Completeness lines of one form. */
export function completenessLines(entry: FormCompleteness, locale: Locale, timeZone: string): ReplyLine[] {
  const lines: ReplyLine[] = [];
  for (const period of entry.periods) {
    lines.push({
      key: period.overdue ? 'digest.completeness_line' : 'digest.completeness_line_open',
      params: {
        form: pickText(entry.form.title, locale),
        period: periodLabel(period.periodType, period.window.key),
        due: formatDate(locale, period.window.dueAt, timeZone),
        on_time: formatNumber(locale, period.onTime.length),
        late: formatNumber(locale, period.late.length),
        missing: formatNumber(locale, period.missing.length),
        expected: formatNumber(locale, period.expected),
      },
    });
    if (period.missing.length) {
      lines.push({ key: 'digest.missing_units', params: { units: nameList(period.missing.map((unit) => unit.name), MISSING_SHOWN) } });
    }
  }
  return lines;
}

/** The whole digest text. */
export function digestReply(data: DigestData, locale: Locale): Reply {
  const lines: ReplyLine[] = [
    { key: 'digest.title', style: 'title' },
    {
      key: 'digest.scope',
      params: { scope: scopeName(data), units: formatNumber(locale, data.reportingUnits), date: formatDate(locale, data.generatedAt, data.timeZone) },
    },
    { text: '' },
    { key: 'digest.completeness_title', style: 'title' },
  ];
  for (const entry of data.completeness) lines.push(...completenessLines(entry, locale, data.timeZone));
  lines.push(...reviewLines(data.review, locale, data.timeZone));
  lines.push({ text: '' }, { key: 'digest.indicators_title', style: 'title' });
  for (const summary of data.indicators) lines.push(...indicatorLines(summary, locale, data.unitsByCode));
  if (data.unreachable.length) {
    lines.push({ text: '' }, { key: 'digest.unreachable_title', style: 'title' });
    for (const contact of data.unreachable) {
      lines.push({
        key: 'digest.unreachable_line',
        params: {
          name: contact.contactName,
          units: contact.units.map((unit) => unit.name).join(', '),
          channel: { key: `digest.channel_${contact.channel === 'zalo' || contact.channel === 'telegram' ? contact.channel : 'other'}` },
          since: formatDate(locale, contact.since, data.timeZone),
        },
      });
    }
  }
  return { lines };
}

/** The indicators alone, for /chiso. */
export function indicatorsReply(data: DigestData, locale: Locale): Reply {
  const lines: ReplyLine[] = [
    { key: 'digest.indicators_for', params: { scope: scopeName(data), date: formatDate(locale, data.generatedAt, data.timeZone) }, style: 'title' },
  ];
  for (const summary of data.indicators) lines.push(...indicatorLines(summary, locale, data.unitsByCode));
  return { lines };
}
