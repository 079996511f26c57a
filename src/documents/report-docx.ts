/**
 * Writes the compiled report as a .docx with the `docx` package: A4, Times New Roman 14 pt,
 * margins within the official ranges, the letterhead of the chosen layout, the body's five
 * sections, the closing line, and the recipients beside the signature block.
 */
import { Document, Packer } from 'docx';
import type { ReportContent } from '../app/annual-report/report-content.ts';
import type { Locale } from '../domain/index.ts';
import { formatNumber } from '../i18n/format.ts';
import { A4, body, MARGINS, para } from './docx-parts.ts';
import { belowTargetSection, indicatorsSection, programmesSection, proposalsSection, reportingSection } from './report-body.ts';
import { letterheadBlock, signatureBlock, titleBlock } from './report-letterhead.ts';
import type { Letterhead } from './report-settings.ts';
import { ReportText } from './report-text.ts';

/** What the document is made from. */
export interface ReportDocumentInput {
  content: ReportContent;
  letterhead: Letterhead;
  locale: Locale;
  /** The date printed beside the place: the day the report is compiled. */
  issuedAt: Date;
  /** True when the scope is the whole province: no scope line under the title. */
  wholeProvince: boolean;
}

/** The document, ready to pack. */
export function reportDocument(input: ReportDocumentInput): Document {
  const { content, letterhead } = input;
  const text = new ReportText(input.locale, content.timeZone);
  const summary = text.summary(content);
  const intro = [
    body(text.t('intro', { units: formatNumber(text.locale, content.reportingUnits), issuer: letterhead.issuer, span: text.span(content) })),
    ...(content.period.horizon ? [body(text.t('intro_review', { horizon: content.period.horizon }))] : []),
    body(text.t('as_of', { date: text.date(content.period.at) }), { italics: true }),
  ];
  return new Document({
    creator: letterhead.issuer,
    title: summary,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 28 } } } },
    sections: [
      {
        properties: { page: { size: { width: A4.width, height: A4.height }, margin: { ...MARGINS, header: 567, footer: 567 } } },
        children: [
          letterheadBlock(letterhead, text, input.issuedAt),
          ...titleBlock(text, summary, input.wholeProvince ? null : text.t('scope_line', { scope: content.scopeName })),
          ...intro,
          ...reportingSection(content, text),
          ...indicatorsSection(content, text),
          ...programmesSection(content, text),
          ...belowTargetSection(content, text),
          ...proposalsSection(content, text),
          body(text.t('closing', { summary: summary.charAt(0).toLowerCase() + summary.slice(1), issuer: letterhead.issuer })),
          para('', { after: 6 }),
          signatureBlock(letterhead, text),
        ],
      },
    ],
  });
}

/** The .docx bytes. */
export function reportDocx(input: ReportDocumentInput): Promise<Buffer> {
  return Packer.toBuffer(reportDocument(input));
}
