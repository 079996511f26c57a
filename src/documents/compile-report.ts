/**
 * Compiles the report end to end, for the command line and the chat command alike: the span from
 * the kind and year, the content from stored reports, the .docx in the chosen layout and, when
 * asked, the .xlsx appendix.
 */
import { buildReportContent, type ReportContent } from '../app/annual-report/report-content.ts';
import { reportPeriod, type ReportKind } from '../app/annual-report/report-period.ts';
import type { ReportDeps, Scope } from '../app/digest/digest-builder.ts';
import { scopeRoots } from '../domain/digest/index.ts';
import type { Locale } from '../domain/index.ts';
import { reportDocx } from './report-docx.ts';
import { letterheadFrom, type ReportLayout, type ReportSettings } from './report-settings.ts';
import { reportXlsx } from './report-xlsx.ts';

/** One compilation. */
export interface CompileRequest {
  kind: ReportKind;
  year: number;
  scope: Scope;
  now: Date;
  /** The instant the figures are taken at; by default the end of the year (or now). */
  at?: Date;
  layout?: ReportLayout;
  locale: Locale;
  settings: ReportSettings;
  withXlsx?: boolean;
}

/** The compiled files and what they were made from. */
export interface CompiledReport {
  content: ReportContent;
  docx: Buffer;
  xlsx: Buffer | null;
  /** A file name without folder: "bao-cao-2026-SYT.docx". */
  filename: string;
}

/** Builds the content, then writes the files. Throws `report.invalid_year` for a year out of range. */
export async function compileReport(deps: ReportDeps, request: CompileRequest): Promise<CompiledReport> {
  const period = reportPeriod(request.kind, request.year, request.now, deps.timeZone, request.at);
  const content = await buildReportContent(deps, request.scope, period);
  const roots = scopeRoots(request.scope.tree, request.scope.units);
  const wholeProvince = roots.length === 1 && roots[0]?.kind === 'province';
  const docx = await reportDocx({
    content,
    letterhead: letterheadFrom(request.settings, request.layout),
    locale: request.locale,
    issuedAt: request.now,
    wholeProvince,
  });
  const xlsx = request.withXlsx ? await reportXlsx(content, request.locale) : null;
  const prefix = request.locale === 'vi' ? 'bao-cao' : 'report';
  const kind = request.kind === 'annual' ? '' : `-${request.kind}`;
  const scope = wholeProvince ? '' : `-${roots.map((unit) => unit.code).join('-')}`;
  return { content, docx, xlsx, filename: `${prefix}${kind}-${request.year}${scope}.docx` };
}
