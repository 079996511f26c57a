/** A column an import understands: its field, whether it must be there, and the header names accepted. */
export interface ColumnSpec<Field extends string> {
  field: Field;
  required: boolean;
  /** Header names, compared after `headerKey` (case and diacritics ignored). The first is canonical. */
  headers: string[];
}

export type UnitField = 'code' | 'name' | 'kind' | 'parent_code';
export type ContactField = 'name' | 'unit_code' | 'role' | 'phone' | 'telegram';

/** The columns of a units file. Documented in `units import --help`. */
export const UNIT_COLUMNS: ColumnSpec<UnitField>[] = [
  { field: 'code', required: true, headers: ['code', 'unit_code', 'ma', 'ma_don_vi', 'ma_dv'] },
  { field: 'name', required: true, headers: ['name', 'unit_name', 'ten', 'ten_don_vi', 'ten_dv'] },
  { field: 'kind', required: true, headers: ['kind', 'type', 'unit_kind', 'loai', 'loai_don_vi', 'loai_dv'] },
  { field: 'parent_code', required: true, headers: ['parent_code', 'parent', 'ma_cap_tren', 'cap_tren', 'ma_don_vi_cap_tren', 'don_vi_cap_tren', 'ma_cha'] },
];

/** The columns of a contacts file. Documented in `contacts import --help`. */
export const CONTACT_COLUMNS: ColumnSpec<ContactField>[] = [
  { field: 'name', required: true, headers: ['name', 'full_name', 'ho_ten', 'ho_va_ten', 'ten'] },
  { field: 'unit_code', required: true, headers: ['unit_code', 'unit', 'ma_don_vi', 'don_vi', 'ma_dv'] },
  { field: 'role', required: true, headers: ['role', 'vai_tro', 'quyen'] },
  { field: 'phone', required: false, headers: ['phone', 'phone_number', 'mobile', 'so_dien_thoai', 'sdt', 'dien_thoai'] },
  { field: 'telegram', required: false, headers: ['telegram', 'telegram_username', 'telegram_user', 'tai_khoan_telegram', 'ten_telegram'] },
];

/** The accepted headers as help text, one line per column. */
export function describeColumns<Field extends string>(columns: ColumnSpec<Field>[]): string {
  return columns
    .map((column) => `  ${column.field.padEnd(12)} ${column.required ? 'required' : 'optional'}: ${column.headers.join(', ')}`)
    .join('\n');
}
