import { describe, expect, it } from 'vitest';
import { CONTACT_COLUMNS, UNIT_COLUMNS } from '../../../src/app/admin/column-spec.ts';
import { contactKey, normalizePhone, normalizeTelegramUsername } from '../../../src/app/admin/contact-fields.ts';
import { decodeUtf8 } from '../../../src/app/admin/decode-text.ts';
import { mapHeader } from '../../../src/app/admin/header-mapping.ts';
import { headerKey } from '../../../src/domain/text/match-keys.ts';
import { renderProblems } from '../../../src/app/admin/import-problem.ts';
import { detectDelimiter, readCsv } from '../../../src/app/admin/read-csv.ts';
import { parseRole } from '../../../src/domain/organisation/vocabulary.ts';
import { checkHierarchy } from '../../../src/app/admin/unit-hierarchy.ts';
import { parseUnitKind } from '../../../src/domain/organisation/vocabulary.ts';
import { readUnitRows, type UnitInput } from '../../../src/app/admin/unit-rows.ts';
import { subtreeIds, treeOrder } from '../../../src/domain/organisation/unit-tree.ts';

function table(text: string) {
  const read = readCsv(Buffer.from(text));
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.table;
}

describe('import files: reading', () => {
  it('should fold headers without case, diacritics or punctuation', () => {
    expect(headerKey('Mã cấp trên')).toBe('ma_cap_tren');
    expect(headerKey('  PARENT-Code ')).toBe('parent_code');
    expect(headerKey('Số điện thoại')).toBe('so_dien_thoai');
  });

  it('should map Vietnamese and English headers, ignoring unknown columns', () => {
    const { map, problems } = mapHeader(table('Ghi chú,MÃ,Tên,loại,Mã cấp trên\nx,A,B,so,\n'), UNIT_COLUMNS);
    expect(problems).toEqual([]);
    expect(map).toMatchObject({ code: { index: 1 }, name: { index: 2 }, kind: { index: 3 }, parent_code: { index: 4, header: 'Mã cấp trên' } });
    expect(mapHeader(table('Họ và tên,đơn vị,vai trò\nA,B,C\n'), CONTACT_COLUMNS).problems).toEqual([]);
  });

  it('should report a missing column and a column given twice on the header line', () => {
    const { problems } = mapHeader(table('code,ma,name,parent\nA,A,B,\n'), UNIT_COLUMNS);
    expect(renderProblems('en', problems)).toEqual([
      'Line 1, column “kind”: this column is missing. Accepted headers: kind, type, unit_kind, loai, loai_don_vi, loai_dv.',
      'Line 1, column “ma”: this column repeats “code”; keep only one of them.',
    ]);
  });

  it('should detect the separator from the header line', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a,b,c\n')).toBe(',');
    expect(detectDelimiter('"x;y",b,c\n')).toBe(',');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
  });

  it('should accept UTF-8 with or without a BOM and refuse Windows-1252 and UTF-16', () => {
    expect(decodeUtf8(Buffer.from('\ufeffMã'))).toEqual({ ok: true, text: 'Mã' });
    expect(decodeUtf8(Buffer.from('Mã'))).toEqual({ ok: true, text: 'Mã' });
    expect(decodeUtf8(Buffer.from('code\nCaf\xe9', 'latin1'))).toEqual({ ok: false, reason: 'not_utf8' });
    expect(decodeUtf8(Buffer.from('\ufeffcode', 'utf16le'))).toEqual({ ok: false, reason: 'utf16' });
    const read = readCsv(Buffer.from('code,name\nA,ok\nB,Caf\xe9\n', 'latin1'));
    expect(read.ok ? [] : renderProblems('vi', read.problems)[0]).toContain('dòng 3');
    expect(read.ok ? [] : renderProblems('en', read.problems)[0]).toContain('CSV UTF-8');
  });

  it('should keep file line numbers across blank lines and quoted commas', () => {
    const read = table('\ncode,name\n\nA,"x, y"\nB,z\n');
    expect(read.headerLine).toBe(2);
    expect(read.rows).toEqual([
      { line: 4, cells: ['A', 'x, y'] },
      { line: 5, cells: ['B', 'z'] },
    ]);
  });

  it('should call an empty file and a header without rows empty', () => {
    for (const text of ['', ' \n\n', '\ufeff']) expect(readCsv(Buffer.from(text))).toMatchObject({ ok: false, problems: [{ code: 'empty_file' }] });
    expect(readCsv(Buffer.from('code,name\n'))).toMatchObject({ ok: false, problems: [{ code: 'no_rows' }] });
  });
});

describe('import files: words and values', () => {
  it('should understand roles and kinds in Vietnamese and English', () => {
    expect(['báo cáo', 'nguoibaocao', 'Người báo cáo', 'reporter'].map(parseRole)).toEqual(['reporter', 'reporter', 'reporter', 'reporter']);
    expect(['theodoi', 'Giám sát', 'SUPERVISOR'].map(parseRole)).toEqual(['supervisor', 'supervisor', 'supervisor']);
    expect(['quantri', 'Quản trị', 'admin'].map(parseRole)).toEqual(['admin', 'admin', 'admin']);
    expect(parseRole('boss')).toBeNull();
    expect(['Tỉnh', 'sở', 'Cơ quan', 'Hội đặc thù', 'cơ sở', 'agency'].map(parseUnitKind)).toEqual(['province', 'department', 'agency', 'association', 'grassroots', 'agency']);
    expect(parseUnitKind('city')).toBeNull();
  });

  it('should normalise Vietnamese phone numbers and refuse what is not one', () => {
    expect(normalizePhone('0912 345 678')).toBe('0912345678');
    expect(normalizePhone('+84 912.345.678')).toBe('0912345678');
    expect(normalizePhone('912345678')).toBe('0912345678');
    expect(normalizePhone('(0236) 382 1234')).toBe('02363821234');
    for (const bad of ['12345', '09123456789012', 'gọi sau', '0912-ABC']) expect(normalizePhone(bad)).toBeNull();
    expect(normalizeTelegramUsername('@nguyen_an')).toBe('nguyen_an');
    expect(normalizeTelegramUsername('ab')).toBeNull();
  });

  it('should key a contact by phone, else by unit and name', () => {
    expect(contactKey({ phone: '0912345678', unitCode: 'SNV', name: 'An' })).toBe('phone:0912345678');
    expect(contactKey({ phone: null, unitCode: 'SNV', name: '  Nguyễn  Văn An ' })).toBe('name:SNV:nguyễn văn an');
  });
});

describe('import files: unit rows and hierarchy', () => {
  const unit = (line: number, code: string, parentCode: string | null): UnitInput => ({ line, code, name: code, kind: 'grassroots', parentCode });

  it('should report every bad cell of every row at once', () => {
    const { problems } = readUnitRows(table('code,name,kind,parent_code\nA B,x,so,\nC,,city,\nD,d,so,\nD,d,so,\n'));
    expect(renderProblems('en', problems)).toEqual([
      'Line 2, column “code”: “A B” is not a valid code (letters, digits, . _ - / only, no spaces, at most 50 characters).',
      'Line 3, column “kind”: “city” is not a kind of unit. Use one of: province, department, agency, association, grassroots (or Vietnamese: tỉnh, sở, cơ quan, hội, cơ sở).',
      'Line 3, column “name”: this cell must not be empty.',
      'Line 5, column “code”: code “D” already appears on line 4.',
    ]);
  });

  it('should find unknown parents and cycles, also through stored units', () => {
    const known = [{ code: 'ROOT', parentCode: null, active: true }, { code: 'OLD', parentCode: null, active: false }, { code: 'S', parentCode: 'A', active: true }];
    const problems = checkHierarchy([unit(2, 'A', 'B'), unit(3, 'B', 'A'), unit(4, 'C', 'OLD'), unit(5, 'D', 'D'), unit(6, 'A2', 'S'), unit(7, 'E', 'ROOT')], known, 'parent');
    expect(problems.map((item) => [item.line, item.code, item.params])).toEqual([
      [4, 'unknown_parent', { parent: 'OLD' }],
      [2, 'cycle', { path: 'A → B → A' }],
      [5, 'cycle', { path: 'D → D' }],
    ]);
    const throughStore = checkHierarchy([unit(2, 'A', 'S')], known, 'parent');
    expect(throughStore.map((item) => item.params)).toEqual([{ path: 'A → S → A' }]);
  });

  it('should order a tree and take subtrees', () => {
    const nodes = [
      { id: 3, code: 'B', parentId: 1 },
      { id: 1, code: 'R', parentId: null },
      { id: 2, code: 'A', parentId: 1 },
      { id: 4, code: 'A1', parentId: 2 },
    ];
    expect(treeOrder(nodes).map((item) => `${item.depth}${item.unit.code}`)).toEqual(['0R', '1A', '2A1', '1B']);
    expect([...subtreeIds(nodes, [2])].sort()).toEqual([2, 4]);
  });
});
