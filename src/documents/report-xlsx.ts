/**
 * The compiled report's tables as an Excel appendix: the same rows as the document, numbers kept
 * as numbers (rates as Excel percentages) and "chưa có số liệu" written where there is no data.
 */
import type { ReportContent } from '../app/annual-report/report-content.ts';
import { PROGRESS_LEVELS } from '../app/annual-report/programme-progress.ts';
import { pickText, type Locale } from '../domain/index.ts';
import { writeWorkbook, type CellValue, type SheetSpec } from '../exports/workbook.ts';
import { ReportText } from './report-text.ts';

const PERCENT = '0.0%';

/** The appendix's sheets. */
export function reportSheets(content: ReportContent, locale: Locale): SheetSpec[] {
  const text = new ReportText(locale, content.timeZone);
  const col = (key: string, width?: number, numFmt?: string) => ({ key, header: text.t(`col_${key}`), ...(width ? { width } : {}), ...(numFmt ? { numFmt } : {}) });
  const rate = (value: number | null): CellValue => (value === null ? text.t('no_data') : value);
  const annual = content.period.kind === 'annual';
  const overview: Array<Record<string, CellValue>> = [];
  for (const [index, detail] of content.indicators.entries()) {
    for (const year of content.indicatorYears) {
      const summary = year.summaries[index];
      if (!summary) continue;
      const shown = (annual || summary.latest.year === year.year) && summary.latest.value !== null;
      overview.push({
        indicator: text.indicatorLabel(detail.summary),
        year: annual ? summary.latest.year : year.year,
        numerator: shown ? summary.latest.numerator : text.t('no_data'),
        denominator: shown ? summary.latest.denominator : text.t('no_data'),
        value: shown ? rate(summary.latest.value) : text.t('no_data'),
        target: text.target(summary),
        status: text.status(shown ? summary.latest.status : 'no_data'),
      });
    }
  }
  return [
    {
      name: text.t('sheet_reporting'),
      columns: [col('form', 50), col('periods_due', 12), col('expected', 12), col('on_time', 12), col('late', 12), col('missing', 12), col('rate', 14, PERCENT), col('on_time_rate', 14, PERCENT)],
      rows: content.reporting.map((row) => ({
        form: text.formTitle(row.form),
        periods_due: row.periodsDue,
        expected: row.expected,
        on_time: row.onTime,
        late: row.late,
        missing: row.missing,
        rate: rate(row.rate),
        on_time_rate: rate(row.onTimeRate),
      })),
    },
    {
      name: text.t('sheet_never'),
      columns: [col('unit_code', 14), col('unit', 60)],
      rows: content.neverReported.map((unit) => ({ unit_code: unit.code, unit: unit.name })),
    },
    {
      name: text.t('sheet_indicators'),
      columns: [col('indicator', 60), col('year', 8), col('numerator', 12), col('denominator', 12), col('value', 12, PERCENT), col('target', 24), col('status', 22)],
      rows: overview,
    },
    {
      name: text.t('sheet_units'),
      columns: [col('indicator', 60), col('year', 8), col('unit_code', 14), col('unit', 50), col('numerator', 12), col('denominator', 12), col('value', 12, PERCENT), col('status', 26)],
      rows: content.indicators.flatMap((detail) =>
        detail.units.map((row) => ({
          indicator: text.indicatorLabel(detail.summary),
          year: detail.summary.latest.year,
          unit_code: row.unit.code,
          unit: row.unit.name,
          numerator: row.numerator,
          denominator: row.denominator,
          value: rate(row.value),
          status: text.status(row.status),
        })),
      ),
    },
    {
      name: text.t('sheet_programmes'),
      columns: [{ key: 'programme', header: text.t('col_programme'), width: 70 }, ...PROGRESS_LEVELS.map((level) => ({ key: level, header: text.t(`progress_${level}`), width: 14 })), col('rated', 14)],
      rows: (content.programmes?.programmes ?? []).map((programme) => ({ programme: pickText(programme.label, locale), ...programme.counts, rated: programme.rated })),
    },
    {
      name: text.t('sheet_blockers'),
      columns: [col('unit_code', 14), col('unit', 50), col('week', 16), col('text', 80)],
      rows: (content.programmes?.blockers ?? []).map((note) => ({ unit_code: note.unit.code, unit: note.unit.name, week: text.week(note.periodKey), text: note.text })),
    },
    {
      name: text.t('sheet_below'),
      columns: [col('indicator', 60), col('unit_code', 14), col('unit', 50), col('numerator', 12), col('denominator', 12), col('value', 12, PERCENT)],
      rows: content.indicators.flatMap((detail) =>
        detail.belowTarget.map((row) => ({ indicator: text.indicatorLabel(detail.summary), unit_code: row.unit.code, unit: row.unit.name, numerator: row.numerator, denominator: row.denominator, value: row.value })),
      ),
    },
    {
      name: text.t('sheet_proposals'),
      columns: [col('unit_code', 14), col('unit', 50), col('week', 16), col('text', 80)],
      rows: (content.programmes?.proposals ?? []).flatMap((group) => group.notes.map((note) => ({ unit_code: note.unit.code, unit: note.unit.name, week: text.week(note.periodKey), text: note.text }))),
    },
  ];
}

/** The appendix as XLSX bytes. */
export function reportXlsx(content: ReportContent, locale: Locale): Promise<Buffer> {
  return writeWorkbook(reportSheets(content, locale));
}
