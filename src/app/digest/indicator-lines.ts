/**
 * An indicator as reply lines, shared by the digest, /chiso and /donvi: value with its numerator
 * and denominator, the target and status, the change since the previous period, the pace of a
 * year-to-date indicator and the units below target. Numbers follow the contact's locale.
 */
import { pickText, type Locale } from '../../domain/index.ts';
import type { IndicatorSummary, UnitNode } from '../../domain/digest/index.ts';
import { periodLabel } from '../../dialog/period-label.ts';
import type { MessageRef, ReplyLine } from '../../dialog/replies.ts';
import { formatNumber, formatPercent } from '../../i18n/format.ts';

/** How many units below target a chat message names before "and N more". */
export const BELOW_TARGET_SHOWN = 10;

/** "năm 2025" or "năm 2026 (đến tháng 10/2026)" for the period an indicator's value covers. */
export function indicatorPeriod(summary: IndicatorSummary): MessageRef {
  const year: MessageRef = { key: 'period.year', params: { year: summary.latest.year } };
  if (!summary.def.ytd || summary.through === null || !/-/.test(summary.through)) return year;
  const type = summary.through.includes('W') ? 'weekly' : summary.through.includes('Q') ? 'quarterly' : 'monthly';
  return { key: 'digest.through', params: { year, through: periodLabel(type, summary.through) } };
}

/** "trên 90 %" or "từ 3 % trở lên". */
export function targetText(summary: IndicatorSummary, locale: Locale): MessageRef {
  const value = formatPercent(locale, summary.def.target);
  return { key: summary.def.comparator === '>' ? 'digest.target_gt' : 'digest.target_gte', params: { value } };
}

/** A list of names, cut to `shown` with "and N more". */
export function nameList(names: readonly string[], shown: number): MessageRef {
  return shortNameList(names.slice(0, shown), names.length, shown);
}

/** `nameList` given only the first names (at least `shown` of them, or all) and how many there are in all. */
function shortNameList(first: readonly string[], total: number, shown: number): MessageRef {
  const list = first.slice(0, shown).join(', ');
  return total > shown ? { key: 'digest.more_units', params: { list, count: total - shown } } : { key: 'digest.plain', params: { text: list } };
}

/** The lines of one indicator. `unitsByCode` names the units below target. */
export function indicatorLines(summary: IndicatorSummary, locale: Locale, unitsByCode: ReadonlyMap<string, UnitNode>, showBelow = true): ReplyLine[] {
  const { latest } = summary;
  const lines: ReplyLine[] = [{ key: 'digest.indicator_label', params: { label: pickText(summary.def.label, locale) }, style: 'question' }];
  if (latest.value === null) {
    lines.push({ key: 'digest.indicator_no_data', params: { target: targetText(summary, locale) } });
    return lines;
  }
  lines.push({
    key: 'digest.indicator_value',
    params: {
      period: indicatorPeriod(summary),
      value: formatPercent(locale, latest.value),
      numerator: formatNumber(locale, latest.numerator),
      denominator: formatNumber(locale, latest.denominator),
      target: targetText(summary, locale),
      status: { key: `digest.status_${latest.status}` },
    },
  });
  if (summary.change === null) lines.push({ key: 'digest.change_none' });
  else {
    const points = formatNumber(locale, Math.abs(summary.change) * 100, 1);
    const key = Math.abs(summary.change) < 0.0005 ? 'digest.change_same' : summary.change > 0 ? 'digest.change_up' : 'digest.change_down';
    lines.push({ key, params: { points } });
  }
  if (latest.pace) {
    lines.push({
      key: 'digest.pace',
      params: {
        actual: formatNumber(locale, latest.numerator),
        expected: formatNumber(locale, latest.pace.expectedByNow, 1),
        ratio: latest.pace.ratioOfExpected === null ? '—' : formatPercent(locale, latest.pace.ratioOfExpected, 0),
      },
    });
  }
  if (showBelow && summary.belowTarget.length) {
    // Only the names shown are formatted: a province-wide list can hold thousands of units.
    const { belowTarget } = summary;
    const names = belowTarget.slice(0, BELOW_TARGET_SHOWN).map((row) => {
      const name = unitsByCode.get(row.unitCode)?.name ?? row.unitCode;
      return `${name} (${formatPercent(locale, row.value)})`;
    });
    lines.push({ key: 'digest.below_target', params: { count: belowTarget.length, units: shortNameList(names, belowTarget.length, BELOW_TARGET_SHOWN) } });
  }
  return lines;
}
