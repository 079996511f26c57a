/**
 * The letterhead of the compiled report: which official layout, the issuing bodies, the place, the
 * signer and the recipients, from the REPORT_* settings; what is unset takes the layout's default.
 * The party layout (Hướng dẫn 36-HD/VPTW) is the default, since Plan 26-KH/BCSĐ is a party document
 * of the Party Delegation of the Provincial People's Committee; the state layout (Decree
 * 30/2020/NĐ-CP) is the Department of Home Affairs writing as a state agency.
 */
import type { Config } from '../config.ts';

/** party: Hướng dẫn 36-HD/VPTW; state: Nghị định 30/2020/NĐ-CP, Phụ lục I. */
export type ReportLayout = 'party' | 'state';

/** Everything around the body of the document. */
export interface Letterhead {
  layout: ReportLayout;
  /** The superior body, above the issuer (left, not bold). */
  superior: string;
  /** The issuing body (left, bold). */
  issuer: string;
  /** The issuer's abbreviation in the number ("Số …-BC/BCSĐ", "Số: …/BC-SNV"). */
  issuerAbbr: string;
  place: string;
  /** "T/M BAN CÁN SỰ ĐẢNG", "KT. GIÁM ĐỐC"; empty when the head signs in their own name. */
  signerCapacity: string;
  signerTitle: string;
  /** Empty leaves the line for the name to be written by hand. */
  signerName: string;
  recipients: string[];
}

const DEFAULTS: Record<ReportLayout, Omit<Letterhead, 'layout'>> = {
  party: {
    superior: 'ĐẢNG BỘ TỈNH',
    issuer: 'BAN CÁN SỰ ĐẢNG UBND TỈNH',
    issuerAbbr: 'BCSĐ',
    place: '…………',
    signerCapacity: 'T/M BAN CÁN SỰ ĐẢNG',
    signerTitle: 'BÍ THƯ',
    signerName: '',
    recipients: ['Thường trực Tỉnh ủy (để b/c)', 'Ban Tổ chức Tỉnh ủy', 'Các Sở, ban, ngành; cơ quan, đơn vị; các Hội đặc thù tỉnh', 'Lưu VP, Sở Nội vụ.'],
  },
  state: {
    superior: 'UBND TỈNH',
    issuer: 'SỞ NỘI VỤ',
    issuerAbbr: 'SNV',
    place: '…………',
    signerCapacity: '',
    signerTitle: 'GIÁM ĐỐC',
    signerName: '',
    recipients: ['Ban Cán sự Đảng UBND tỉnh (để b/c)', 'UBND tỉnh (để b/c)', 'Các Sở, ban, ngành; cơ quan, đơn vị; các Hội đặc thù tỉnh', 'Lưu: VT, XDCQ.'],
  },
};

/** The REPORT_* settings a letterhead is read from. */
export type ReportSettings = Pick<
  Config,
  'REPORT_LAYOUT' | 'REPORT_SUPERIOR' | 'REPORT_ISSUER' | 'REPORT_ISSUER_ABBR' | 'REPORT_PLACE' | 'REPORT_SIGNER_CAPACITY' | 'REPORT_SIGNER_TITLE' | 'REPORT_SIGNER_NAME' | 'REPORT_RECIPIENTS'
>;

/** The letterhead for a layout (the configured one unless given), each unset setting from its defaults. */
export function letterheadFrom(settings: ReportSettings, layout: ReportLayout = settings.REPORT_LAYOUT): Letterhead {
  const base = DEFAULTS[layout];
  const recipients = settings.REPORT_RECIPIENTS?.split(';').map((line) => line.trim()).filter(Boolean);
  return {
    layout,
    superior: settings.REPORT_SUPERIOR ?? base.superior,
    issuer: settings.REPORT_ISSUER ?? base.issuer,
    issuerAbbr: settings.REPORT_ISSUER_ABBR ?? base.issuerAbbr,
    place: settings.REPORT_PLACE ?? base.place,
    signerCapacity: settings.REPORT_SIGNER_CAPACITY ?? base.signerCapacity,
    signerTitle: settings.REPORT_SIGNER_TITLE ?? base.signerTitle,
    signerName: settings.REPORT_SIGNER_NAME ?? base.signerName,
    recipients: recipients?.length ? recipients : base.recipients,
  };
}

/** Whether a word names a layout. */
export function isReportLayout(text: string): text is ReportLayout {
  return text === 'party' || text === 'state';
}
