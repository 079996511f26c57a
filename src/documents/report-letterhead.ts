/**
 * The parts of the compiled report around its body, in the two official layouts: the letterhead
 * (issuing bodies and number on the left; the party's name, or the state's name and motto, on the
 * right; place and date below), the type and summary line, and the recipients beside the
 * signature block.
 */
import type { Paragraph, Table } from 'docx';
import { CONTENT_WIDTH, layoutRow, para } from './docx-parts.ts';
import type { Letterhead } from './report-settings.ts';
import type { ReportText } from './report-text.ts';

const LEFT = Math.round(CONTENT_WIDTH * 0.5);
const RIGHT = CONTENT_WIDTH - LEFT;

/**
 * Party layout (Hướng dẫn 36-HD/VPTW): the superior party body, the issuing body in bold, a star
 * and "Số …-BC/…" on the left; "ĐẢNG CỘNG SẢN VIỆT NAM" underlined on the right, with place and
 * date in italics below it. State layout (Decree 30/2020/NĐ-CP, Appendix I): the superior and
 * issuing bodies and "Số: …/BC-…" on the left; the state's name and its motto on the right.
 */
export function letterheadBlock(head: Letterhead, text: ReportText, issuedAt: Date): Table {
  const placeDate = para(text.placeDate(head.place, issuedAt), { align: 'center', italics: true, size: 14, before: 6 });
  if (head.layout === 'party') {
    return layoutRow([
      {
        width: LEFT,
        children: [
          para(head.superior, { align: 'center', size: 14 }),
          para(head.issuer, { align: 'center', size: 14, bold: true }),
          para('*', { align: 'center', size: 14 }),
          para(text.t('number_line', { abbr: head.issuerAbbr }), { align: 'center', size: 14 }),
        ],
      },
      { width: RIGHT, children: [para(text.t('party_name'), { align: 'center', size: 15, bold: true, underline: true }), para(''), placeDate] },
    ]);
  }
  return layoutRow([
    {
      width: LEFT,
      children: [
        para(head.superior, { align: 'center', size: 13 }),
        para(head.issuer, { align: 'center', size: 13, bold: true, underline: true }),
        para(text.t('number_line_state', { abbr: head.issuerAbbr }), { align: 'center', size: 13, before: 6 }),
      ],
    },
    {
      width: RIGHT,
      children: [
        para(text.t('state_name'), { align: 'center', size: 13, bold: true }),
        para(text.t('state_motto'), { align: 'center', size: 14, bold: true, underline: true }),
        placeDate,
      ],
    },
  ]);
}

/** "BÁO CÁO", the summary line, the scope when it is not the whole province, and a short rule. */
export function titleBlock(text: ReportText, summary: string, scopeLine: string | null): Paragraph[] {
  return [
    para(text.t('doc_title'), { align: 'center', size: 15, bold: true, before: 18 }),
    para(summary, { align: 'center', size: 14, bold: true }),
    ...(scopeLine ? [para(scopeLine, { align: 'center', size: 14, italics: true })] : []),
    para('-----', { align: 'center', size: 14, after: 12 }),
  ];
}

/** "Nơi nhận:" and its list on the left; the signer's capacity, title, room to sign and name on the right. */
export function signatureBlock(head: Letterhead, text: ReportText): Table {
  const left = [
    para(text.t('recipients'), { size: 12, bold: true, italics: true }),
    ...head.recipients.map((line) => para(text.t('recipient_line', { text: line }), { size: 11 })),
  ];
  const right = [
    ...(head.signerCapacity ? [para(head.signerCapacity, { align: 'center', size: 14, bold: true })] : []),
    para(head.signerTitle, { align: 'center', size: 14, bold: true }),
    para(''),
    para(''),
    para(''),
    para(''),
    para(head.signerName, { align: 'center', size: 14, bold: true }),
  ];
  return layoutRow([
    { width: LEFT, children: left },
    { width: RIGHT, children: right },
  ]);
}
