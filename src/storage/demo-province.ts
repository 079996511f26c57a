/**
 * A realistic demo province: the provincial People's Committee, its departments, agencies and the
 * special associations (Hội đặc thù) the plan names, with a few sub-units and contacts, so a newcomer can
 * try every part of the product without an admin roster.
 */
import type { RoleName } from '../domain/organisation/vocabulary.ts';
export interface DemoUnit {
  code: string;
  name: string;
  kind: 'province' | 'department' | 'agency' | 'association' | 'grassroots';
  parent: string | null;
}

export interface DemoContact {
  key: string;
  name: string;
  phone: string;
  locale: 'vi' | 'en';
  roles: Array<{ unit: string; role: RoleName }>;
  /** Bound to the terminal chat, so `npm start` can act as this person. */
  console?: boolean;
}

export const PROVINCE_CODE = 'UBND';

export const DEMO_UNITS: DemoUnit[] = [
  { code: PROVINCE_CODE, name: 'Uỷ ban nhân dân tỉnh', kind: 'province', parent: null },
  // Sở, ban, ngành
  { code: 'SNV', name: 'Sở Nội vụ', kind: 'department', parent: PROVINCE_CODE },
  { code: 'STC', name: 'Sở Tài chính', kind: 'department', parent: PROVINCE_CODE },
  { code: 'SKHDT', name: 'Sở Kế hoạch và Đầu tư', kind: 'department', parent: PROVINCE_CODE },
  { code: 'STP', name: 'Sở Tư pháp', kind: 'department', parent: PROVINCE_CODE },
  { code: 'SCT', name: 'Sở Công Thương', kind: 'department', parent: PROVINCE_CODE },
  { code: 'SXD', name: 'Sở Xây dựng', kind: 'department', parent: PROVINCE_CODE },
  { code: 'SGTVT', name: 'Sở Giao thông vận tải', kind: 'department', parent: PROVINCE_CODE },
  { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department', parent: PROVINCE_CODE },
  { code: 'SYT', name: 'Sở Y tế', kind: 'department', parent: PROVINCE_CODE },
  { code: 'SNNPTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn', kind: 'department', parent: PROVINCE_CODE },
  { code: 'STNMT', name: 'Sở Tài nguyên và Môi trường', kind: 'department', parent: PROVINCE_CODE },
  { code: 'SLDTBXH', name: 'Sở Lao động - Thương binh và Xã hội', kind: 'department', parent: PROVINCE_CODE },
  { code: 'SVHTTDL', name: 'Sở Văn hoá, Thể thao và Du lịch', kind: 'department', parent: PROVINCE_CODE },
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', kind: 'department', parent: PROVINCE_CODE },
  { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', kind: 'department', parent: PROVINCE_CODE },
  { code: 'SNGV', name: 'Sở Ngoại vụ', kind: 'department', parent: PROVINCE_CODE },
  { code: 'TTT', name: 'Thanh tra tỉnh', kind: 'department', parent: PROVINCE_CODE },
  { code: 'VPUB', name: 'Văn phòng Uỷ ban nhân dân tỉnh', kind: 'department', parent: PROVINCE_CODE },
  { code: 'BDT', name: 'Ban Dân tộc tỉnh', kind: 'department', parent: PROVINCE_CODE },
  // Cơ quan, đơn vị
  { code: 'BQLKCN', name: 'Ban Quản lý các khu công nghiệp tỉnh', kind: 'agency', parent: PROVINCE_CODE },
  { code: 'BQLDA', name: 'Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp', kind: 'agency', parent: PROVINCE_CODE },
  { code: 'DPTTH', name: 'Đài Phát thanh và Truyền hình tỉnh', kind: 'agency', parent: PROVINCE_CODE },
  { code: 'TTXTDT', name: 'Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch', kind: 'agency', parent: PROVINCE_CODE },
  { code: 'QDTPT', name: 'Quỹ Đầu tư phát triển tỉnh', kind: 'agency', parent: PROVINCE_CODE },
  { code: 'LMHTX', name: 'Liên minh Hợp tác xã tỉnh', kind: 'agency', parent: PROVINCE_CODE },
  { code: 'TCDYT', name: 'Trường Cao đẳng Y tế', kind: 'agency', parent: PROVINCE_CODE },
  // Hội đặc thù
  { code: 'HCTD', name: 'Hội Chữ thập đỏ tỉnh', kind: 'association', parent: PROVINCE_CODE },
  { code: 'HNB', name: 'Hội Nhà báo tỉnh', kind: 'association', parent: PROVINCE_CODE },
  { code: 'HVHNT', name: 'Hội Văn học Nghệ thuật tỉnh', kind: 'association', parent: PROVINCE_CODE },
  { code: 'HLG', name: 'Hội Luật gia tỉnh', kind: 'association', parent: PROVINCE_CODE },
  { code: 'HDY', name: 'Hội Đông y tỉnh', kind: 'association', parent: PROVINCE_CODE },
  { code: 'LHHKHKT', name: 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh', kind: 'association', parent: PROVINCE_CODE },
  { code: 'HNM', name: 'Hội Người mù tỉnh', kind: 'association', parent: PROVINCE_CODE },
  // Sub-units
  { code: 'SYT-BVDK', name: 'Bệnh viện Đa khoa tỉnh', kind: 'grassroots', parent: 'SYT' },
  { code: 'SYT-CDC', name: 'Trung tâm Kiểm soát bệnh tật tỉnh', kind: 'grassroots', parent: 'SYT' },
  { code: 'SGDDT-THPTC', name: 'Trường Trung học phổ thông chuyên', kind: 'grassroots', parent: 'SGDDT' },
  { code: 'SNNPTNT-CCKL', name: 'Chi cục Kiểm lâm', kind: 'grassroots', parent: 'SNNPTNT' },
];

export const DEMO_CONTACTS: DemoContact[] = [
  {
    key: 'demo:snv-hanh',
    name: 'Nguyễn Thị Hạnh',
    phone: '0912000001',
    locale: 'vi',
    roles: [{ unit: PROVINCE_CODE, role: 'supervisor' }],
  },
  {
    key: 'demo:snv-minh',
    name: 'Trần Văn Minh',
    phone: '0912000002',
    locale: 'vi',
    roles: [
      { unit: PROVINCE_CODE, role: 'supervisor' },
      { unit: 'SNV', role: 'reporter' },
    ],
  },
  {
    key: 'demo:admin',
    name: 'Phạm Quốc Bảo',
    phone: '0912000003',
    locale: 'vi',
    roles: [{ unit: PROVINCE_CODE, role: 'admin' }],
  },
  {
    key: 'demo:stp-lan',
    name: 'Lê Thị Lan',
    phone: '0912000004',
    locale: 'vi',
    roles: [{ unit: 'STP', role: 'reporter' }],
    console: true,
  },
  {
    key: 'demo:syt-tuan',
    name: 'Hoàng Anh Tuấn',
    phone: '0912000005',
    locale: 'vi',
    roles: [
      { unit: 'SYT', role: 'reporter' },
      { unit: 'SYT', role: 'supervisor' },
    ],
  },
];
