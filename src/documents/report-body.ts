/**
 * The body of the compiled report, section by section, from its content: I. reporting by the units,
 * II. the indicators against their targets with a table by unit, III. the three programmes from
 * the weekly reports, IV. the units below target, V. the units' proposals.
 */
import type { Paragraph, Table } from 'docx';
import type { IndicatorDetail, ReportContent } from '../app/annual-report/report-content.ts';
import { PROGRESS_LEVELS } from '../app/annual-report/programme-progress.ts';
import { pickText } from '../domain/index.ts';
import { formatNumber, formatPercent } from '../i18n/format.ts';
import { body, dataTable, para, run } from './docx-parts.ts';
import type { ReportText } from './report-text.ts';

type Block = Paragraph | Table;

const heading = (text: string): Paragraph => para(text, { bold: true, size: 14, before: 6, after: 6, keepNext: true, align: 'justify' });
const subheading = (text: string): Paragraph => para(text, { bold: true, italics: true, size: 14, before: 6, after: 6, keepNext: true, indentMm: 10, align: 'justify' });

/** Section I: per form, expected, on time, late, missing and the rates; then the units that never reported. */
export function reportingSection(content: ReportContent, text: ReportText): Block[] {
  const span = text.span(content);
  const table = dataTable(
    [
      { header: text.t('col_form'), weight: 30 },
      { header: text.t('col_periods_due'), weight: 9, align: 'right' },
      { header: text.t('col_expected'), weight: 10, align: 'right' },
      { header: text.t('col_on_time'), weight: 10, align: 'right' },
      { header: text.t('col_late'), weight: 9, align: 'right' },
      { header: text.t('col_missing'), weight: 9, align: 'right' },
      { header: text.t('col_rate'), weight: 12, align: 'right' },
      { header: text.t('col_on_time_rate'), weight: 12, align: 'right' },
    ],
    content.reporting.map((row) => ({
      cells: [text.formTitle(row.form), text.number(row.periodsDue), text.number(row.expected), text.number(row.onTime), text.number(row.late), text.number(row.missing), text.percent(row.rate), text.percent(row.onTimeRate)],
    })),
  );
  const never = content.neverReported;
  return [
    heading(text.t('section_reporting')),
    body(text.t('reporting_intro', { span, units: formatNumber(text.locale, content.reportingUnits) })),
    table,
    para('', { after: 6 }),
    body(
      never.length
        ? text.t('never_reported', { span, count: never.length, units: never.map((unit) => unit.name).join(', ') })
        : text.t('all_reported', { span }),
    ),
  ];
}

/** The overview table of section II: each indicator in each year of the span. */
function indicatorOverview(content: ReportContent, text: ReportText): Table {
  const rows: Array<{ cells: string[] }> = [];
  const annual = content.period.kind === 'annual';
  for (const [index, detail] of content.indicators.entries()) {
    for (const year of content.indicatorYears) {
      const summary = year.summaries[index];
      if (!summary) continue;
      // A review's year with no data of its own would otherwise repeat the year before (the digest's fallback).
      const latest = summary.latest;
      const shown = (annual || latest.year === year.year) && latest.value !== null;
      rows.push({
        cells: [
          text.indicatorLabel(detail.summary),
          String(annual ? latest.year : year.year),
          shown ? text.number(latest.numerator) : text.t('no_data'),
          shown ? text.number(latest.denominator) : text.t('no_data'),
          shown ? text.percent(latest.value) : text.t('no_data'),
          text.target(summary),
          text.status(shown ? latest.status : 'no_data'),
        ],
      });
    }
  }
  return dataTable(
    [
      { header: text.t('col_indicator'), weight: 34 },
      { header: text.t('col_year'), weight: 8, align: 'center' },
      { header: text.t('col_numerator'), weight: 10, align: 'right' },
      { header: text.t('col_denominator'), weight: 10, align: 'right' },
      { header: text.t('col_value'), weight: 10, align: 'right' },
      { header: text.t('col_target'), weight: 16 },
      { header: text.t('col_status'), weight: 12 },
    ],
    rows,
  );
}

/** One indicator's paragraph and its table by unit, with the scope's total as the last row. */
function indicatorDetail(detail: IndicatorDetail, index: number, text: ReportText): Block[] {
  const { summary } = detail;
  const latest = summary.latest;
  const pace = text.pace(summary);
  const line =
    latest.value === null
      ? text.t('indicator_summary_no_data', { year: latest.year, target: text.target(summary) })
      : text.t('indicator_summary', {
          year: latest.year,
          value: text.percent(latest.value),
          numerator: text.number(latest.numerator),
          denominator: text.number(latest.denominator),
          target: text.target(summary),
          status: pace ? `${text.status(latest.status)} (${pace})` : text.status(latest.status),
          counted: latest.unitsCounted.length,
          excluded: detail.units.filter((row) => row.status === 'excluded').length,
        });
  const dash = '–';
  const rows = detail.units.map((row, i) => ({
    cells: [
      String(i + 1),
      row.unit.name,
      row.numerator === null ? dash : text.number(row.numerator),
      row.denominator === null ? dash : text.number(row.denominator),
      text.percent(row.value),
      text.status(row.status),
    ],
  }));
  rows.push({ cells: ['', text.t('total_row'), text.number(latest.numerator), text.number(latest.denominator), text.percent(latest.value), text.status(latest.status)], bold: true } as { cells: string[]; bold: boolean });
  return [
    subheading(text.t('indicator_heading', { index: index + 1, label: text.indicatorLabel(summary) })),
    body(line),
    dataTable(
      [
        { header: text.t('col_no'), weight: 6, align: 'center' },
        { header: text.t('col_unit'), weight: 40 },
        { header: text.t('col_numerator'), weight: 11, align: 'right' },
        { header: text.t('col_denominator'), weight: 11, align: 'right' },
        { header: text.t('col_value'), weight: 12, align: 'right' },
        { header: text.t('col_status'), weight: 20 },
      ],
      rows,
    ),
    para('', { after: 6 }),
  ];
}

/** Section II: the overview, then each indicator of the last year with its units. */
export function indicatorsSection(content: ReportContent, text: ReportText): Block[] {
  return [
    heading(text.t('section_indicators')),
    body(text.t('indicators_intro')),
    indicatorOverview(content, text),
    para('', { after: 6 }),
    ...content.indicators.flatMap((detail, index) => indicatorDetail(detail, index, text)),
  ];
}

/** Section III: how often each programme was on track, behind or blocked; the blockers quoted. */
export function programmesSection(content: ReportContent, text: ReportText): Block[] {
  const progress = content.programmes;
  const span = text.span(content);
  if (!progress || progress.reports === 0) return [heading(text.t('section_programmes')), body(text.t('programmes_none', { span }))];
  const share = (count: number, rated: number) => (rated > 0 ? `${formatNumber(text.locale, count)} (${formatPercent(text.locale, count / rated)})` : text.t('no_data'));
  const table = dataTable(
    [
      { header: text.t('col_programme'), weight: 40 },
      ...PROGRESS_LEVELS.map((level) => ({ header: text.t(`progress_${level}`), weight: 14, align: 'right' as const })),
      { header: text.t('col_rated'), weight: 12, align: 'right' },
    ],
    progress.programmes.map((programme) => ({
      cells: [pickText(programme.label, text.locale), ...PROGRESS_LEVELS.map((level) => share(programme.counts[level], programme.rated)), text.number(programme.rated)],
    })),
  );
  const blockers = progress.blockers.length
    ? [body(text.t('blockers_heading')), ...progress.blockers.map((note) => body(text.t('blocker_line', { unit: note.unit.name, period: text.week(note.periodKey), text: note.text })))]
    : [body(text.t('no_blockers'))];
  return [heading(text.t('section_programmes')), body(text.t('programmes_intro', { reports: formatNumber(text.locale, progress.reports) })), table, para('', { after: 6 }), ...blockers];
}

/** Section IV: per indicator, the units below target with their own rates. */
export function belowTargetSection(content: ReportContent, text: ReportText): Block[] {
  const lines = content.indicators
    .filter((detail) => detail.belowTarget.length > 0)
    .map((detail) =>
      body(
        text.t('below_line', {
          indicator: text.indicatorLabel(detail.summary),
          units: detail.belowTarget.map((row) => text.t('below_unit', { unit: row.unit.name, value: text.percent(row.value) })).join('; '),
        }),
      ),
    );
  return [heading(text.t('section_below')), ...(lines.length ? lines : [body(text.t('no_below'))])];
}

/** Section V: the support units asked for, grouped by unit. */
export function proposalsSection(content: ReportContent, text: ReportText): Block[] {
  const groups = content.programmes?.proposals ?? [];
  if (groups.length === 0) return [heading(text.t('section_proposals')), body(text.t('no_proposals'))];
  return [
    heading(text.t('section_proposals')),
    ...groups.flatMap((group) => [
      body([run(group.unit.name, { bold: true })]),
      ...group.notes.map((note) => body(text.t('proposal_line', { period: text.week(note.periodKey), text: note.text }))),
    ]),
  ];
}
