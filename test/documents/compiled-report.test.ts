import ExcelJS from 'exceljs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScope } from '../../src/app/digest/digest-builder.ts';
import { compileReport, type CompileRequest } from '../../src/documents/compile-report.ts';
import { parseConfig } from '../../src/config.ts';
import { formatNumber, formatPercent } from '../../src/i18n/format.ts';
import type { PrismaClient } from '../../src/storage/database.ts';
import { runCli } from '../support/run-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { readDocx, type DocxText } from './docx-reader.ts';
import { AT_TEXT, neverReports, noRatings, seedReportDatabase, YEAR } from './report-fixtures.ts';

const tempDir = useTempDirs();
let prisma: PrismaClient | undefined;
afterEach(async () => {
  await prisma?.$disconnect();
  prisma = undefined;
});

const NOW = new Date('2025-12-05T03:00:00Z');
const AT = new Date('2025-11-30T16:59:59.999Z'); // the end of 30/11/2025 in Hanoi, as --at reads it

async function seeded() {
  const db = await seedReportDatabase(tempDir());
  prisma = db.prisma;
  return db;
}

/** Compiles in-process over a scope given by unit code (the province by default). */
async function compile(db: Awaited<ReturnType<typeof seeded>>, options: Partial<CompileRequest> & { code?: string; env?: Record<string, string> } = {}) {
  const unit = await db.prisma.unit.findUniqueOrThrow({ where: { code: options.code ?? 'UBND' } });
  const scope = await loadScope(db.deps.source, [{ role: 'supervisor', unitId: unit.id }]);
  const compiled = await compileReport(db.deps, { kind: 'annual', year: YEAR, scope, now: NOW, at: AT, locale: 'vi', settings: parseConfig(options.env ?? {}), ...options });
  return { compiled, doc: await readDocx(compiled.docx) };
}

/** The table whose header row starts with these cells. */
function tableStarting(doc: DocxText, ...headers: string[]): string[][] {
  const table = doc.tables.find((rows) => headers.every((header, i) => rows[0]?.[i] === header));
  if (!table) throw new Error(`no table starting with ${headers.join(', ')}`);
  return table;
}

const NO_DATA = 'chưa có số liệu';

describe('the compiled report', () => {
  it('should write a .docx whose tables equal `indicators --json` for the same scope and date', { timeout: 180_000 }, async () => {
    const db = await seeded();
    const dir = tempDir();
    const env = { DATABASE_URL: `file:${db.path}`, BOT_LOCALE: 'vi' };
    const out = join(dir, 'bao-cao.docx');
    const xlsx = join(dir, 'phu-luc.xlsx');
    const compiled = await runCli(['report', 'compile', '--year', String(YEAR), '--at', AT_TEXT, '--out', out, '--xlsx', xlsx, '--json'], env);
    expect(compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
    expect(JSON.parse(compiled.stdout)).toMatchObject({ file: out, kind: 'annual', year: YEAR, layout: 'party', scope: 'Uỷ ban nhân dân tỉnh' });
    const indicators = await runCli(['indicators', '--at', AT_TEXT, '--json'], env);
    expect(indicators.status).toBe(0);
    const expected = JSON.parse(indicators.stdout) as Array<{ id: string; label: { vi: string }; year: number; numerator: number; denominator: number; value: number | null; units_excluded: number }>;
    expect(expected.length).toBe(5);

    const doc = await readDocx(readFileSync(out));
    const overview = tableStarting(doc, 'Chỉ tiêu', 'Năm', 'Tử số', 'Mẫu số', 'Tỷ lệ');
    for (const indicator of expected) {
      const row = overview.find((cells) => cells[0] === indicator.label.vi);
      expect(row, indicator.id).toBeDefined();
      const figures = indicator.value === null ? [NO_DATA, NO_DATA, NO_DATA] : [formatNumber('vi', indicator.numerator), formatNumber('vi', indicator.denominator), formatPercent('vi', indicator.value)];
      expect(row?.slice(1, 5)).toEqual([String(indicator.year), ...figures]);
    }
    // Each indicator's table by unit adds up to the same total; excluded units are named as such.
    const unitTables = doc.tables.filter((rows) => rows[0]?.[0] === 'STT' && rows[0]?.[1] === 'Đơn vị');
    expect(unitTables.length).toBe(expected.length);
    for (const [index, indicator] of expected.entries()) {
      const rows = (unitTables[index] as string[][]).slice(1);
      const total = rows[rows.length - 1] as string[];
      expect(total.slice(1, 4)).toEqual(['Tổng cộng', formatNumber('vi', indicator.numerator), formatNumber('vi', indicator.denominator)]);
      const units = rows.slice(0, -1);
      const counted = units.filter((cells) => cells[5] !== 'Chưa có số liệu (không tính)');
      const sum = counted.reduce((acc, cells) => acc + Number((cells[2] ?? '').replace(/\./g, '').replace(',', '.')), 0);
      expect(sum, indicator.id).toBe(indicator.numerator);
      // The province itself files nothing: it is excluded in the JSON but is no row of the table.
      expect(units.length - counted.length, indicator.id).toBe(indicator.units_excluded - 1);
    }

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['I. Tình hình báo cáo', 'I. Chưa báo cáo', 'II. Chỉ tiêu', 'II. Theo đơn vị', 'III. Chương trình', 'III. Vướng mắc', 'IV. Chưa đạt', 'V. Đề xuất']);
    const sheet = workbook.getWorksheet('II. Chỉ tiêu');
    for (const indicator of expected) {
      let found: unknown[] | undefined;
      sheet?.eachRow((row) => {
        const values = (row.values as unknown[]).slice(1);
        if (values[0] === indicator.label.vi) found = values;
      });
      expect(found?.slice(1, 5)).toEqual(indicator.value === null ? [indicator.year, NO_DATA, NO_DATA, NO_DATA] : [indicator.year, indicator.numerator, indicator.denominator, indicator.value]);
    }
  });

  it('should report each section from the data: reporting rates, units that never reported, programmes, blockers, units below target, proposals', async () => {
    const db = await seeded();
    const { compiled, doc } = await compile(db);
    const never = db.reporting.filter((_, i) => neverReports(i));
    const reportingUnits = db.reporting.length;
    const text = doc.paragraphs.join('\n');
    expect(text).toContain(`Đơn vị chưa gửi báo cáo nào trong năm ${YEAR} (${never.length}): `);
    for (const unit of never) expect(text).toContain(unit.name);
    // Monthly figures: 10 months are due by 30/11; every unit that reports filed all ten.
    const reporting = tableStarting(doc, 'Loại báo cáo');
    const monthly = reporting.find((row) => row[0]?.startsWith('Số liệu hằng tháng')) as string[];
    const expected = reportingUnits * 10;
    const filed = (reportingUnits - never.length) * 10;
    const late = db.reporting.filter((_, i) => !neverReports(i) && i % 7 === 2).length * 10;
    expect(monthly.slice(1)).toEqual(['10', formatNumber('vi', expected), formatNumber('vi', filed - late), formatNumber('vi', late), formatNumber('vi', expected - filed), formatPercent('vi', filed / expected), formatPercent('vi', (filed - late) / expected)]);
    // Yearly ratings of the year are not due before 15 January: nothing expected yet, and no 0 %.
    const yearly = reporting.find((row) => row[0]?.startsWith('Kết quả đánh giá')) as string[];
    expect(yearly.slice(1)).toEqual(['0', '0', '0', '0', '0', NO_DATA, NO_DATA]);
    // Programmes, with the blockers quoted with their units and weeks.
    const programmes = tableStarting(doc, 'Chương trình', 'Đúng tiến độ', 'Chậm', 'Vướng mắc');
    expect(programmes.length).toBe(4);
    const blockedUnits = db.reporting.filter((_, i) => !neverReports(i) && i % 6 === 0);
    expect(programmes[3]?.[3]).toMatch(new RegExp(`^${blockedUnits.length} \\(`));
    for (const unit of blockedUnits) expect(text).toContain(`- ${unit.name} (tuần 16/${YEAR}): “Thiếu cán bộ làm công tác kiểm tra chuyên trách”`);
    // Units below target: an organisation rating of 2 out of 4–6 is below 90 %.
    const below = compiled.content.indicators.find((d) => d.summary.def.id === 'org_rated_good')?.belowTarget ?? [];
    const low = db.reporting.filter((_, i) => !neverReports(i) && !noRatings(i) && i % 4 === 0);
    expect(below.map((row) => row.unit.code).sort()).toEqual(low.map((unit) => unit.code).sort());
    const orgLabel = compiled.content.indicators.find((d) => d.summary.def.id === 'org_rated_good')?.summary.def.label.vi ?? '?';
    const belowSection = text.slice(text.indexOf('IV. CÁC ĐƠN VỊ CHƯA ĐẠT CHỈ TIÊU'), text.indexOf('V. ĐỀ XUẤT'));
    expect(belowSection).toContain(`- ${orgLabel}: ${below.map((row) => `${row.unit.name} (${formatPercent('vi', row.value)})`).join('; ')}.`);
    // Proposals grouped by unit.
    const proposing = db.reporting.filter((_, i) => !neverReports(i) && i % 4 === 0);
    const section = text.slice(text.indexOf('V. ĐỀ XUẤT, KIẾN NGHỊ CỦA CÁC ĐƠN VỊ'));
    for (const unit of proposing) expect(section).toContain(`${unit.name}\n- tuần 20/${YEAR}: Đề nghị Sở Nội vụ tổ chức tập huấn nghiệp vụ công tác đảng`);
  });

  it('should say "chưa có số liệu" where there is no data, never 0 %, and show excluded units as such', async () => {
    const db = await seeded();
    const silent = db.reporting.find((_, i) => neverReports(i)) as { code: string; name: string };
    const { doc } = await compile(db, { code: silent.code });
    expect(doc.paragraphs).toContain(`(Phạm vi: ${silent.name})`);
    const overview = tableStarting(doc, 'Chỉ tiêu', 'Năm');
    for (const row of overview.slice(1)) expect(row.slice(2, 5).concat(row[6] as string)).toEqual([NO_DATA, NO_DATA, NO_DATA, 'Chưa có số liệu']);
    const unitRows = doc.tables.filter((rows) => rows[0]?.[0] === 'STT').flatMap((rows) => rows.slice(1, -1));
    expect(unitRows.length).toBe(5);
    for (const row of unitRows) expect(row.slice(1)).toEqual([silent.name, '–', '–', NO_DATA, 'Chưa có số liệu (không tính)']);
    const indicatorCells = [...overview, ...unitRows].flat();
    expect(indicatorCells.filter((cell) => /^0( %)?$/.test(cell))).toEqual([]);
    expect(doc.paragraphs.join('\n')).toContain('Chưa có báo cáo tiến độ hằng tuần nào trong năm 2025.');
  });

  it('should lay out the party header by default and the state header when asked, with settings applied', async () => {
    const db = await seeded();
    const party = (await compile(db)).doc;
    const first = party.tables[0]?.[0] as string[];
    expect(first).toEqual(['ĐẢNG BỘ TỈNHBAN CÁN SỰ ĐẢNG UBND TỈNH*Số      -BC/BCSĐ', 'ĐẢNG CỘNG SẢN VIỆT NAM…………, ngày 05 tháng 12 năm 2025']);
    expect(party.paragraphs).toEqual(expect.arrayContaining(['BÁO CÁO', `Kết quả thực hiện Kế hoạch số 26-KH/BCSĐ năm ${YEAR}`, 'Nơi nhận:', 'T/M BAN CÁN SỰ ĐẢNG', 'BÍ THƯ']));
    expect(party.xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    const env = { REPORT_LAYOUT: 'state', REPORT_SUPERIOR: 'UBND TỈNH HÀ GIANG', REPORT_PLACE: 'Hà Giang', REPORT_SIGNER_NAME: 'Nguyễn Văn A' };
    const state = (await compile(db, { env })).doc;
    expect(state.tables[0]?.[0]).toEqual(['UBND TỈNH HÀ GIANGSỞ NỘI VỤSố:      /BC-SNV', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúcHà Giang, ngày 05 tháng 12 năm 2025']);
    expect(state.paragraphs).toEqual(expect.arrayContaining(['BÁO CÁO', 'GIÁM ĐỐC', 'Nguyễn Văn A']));
    expect(state.xml).not.toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    // The option wins over the setting.
    expect((await compile(db, { env, layout: 'party' })).doc.xml).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
  });

  it('should compile a preliminary review over the plan’s years, a year without data shown as such', async () => {
    const db = await seeded();
    const { doc, compiled } = await compile(db, { kind: 'so-ket' });
    expect(compiled.filename).toBe('bao-cao-so-ket-2025.docx');
    expect(doc.paragraphs).toContain('Sơ kết thực hiện Kế hoạch số 26-KH/BCSĐ giai đoạn 2023 - 2025');
    const overview = tableStarting(doc, 'Chỉ tiêu', 'Năm');
    const orgRows = overview.filter((row) => row[0]?.startsWith('Tỷ lệ TCCSĐ'));
    expect(orgRows.map((row) => row[1])).toEqual(['2023', '2024', '2025']);
    expect(orgRows[0]?.slice(2, 5)).toEqual([NO_DATA, NO_DATA, NO_DATA]);
    expect(orgRows[1]?.[4]).toBe('100 %'); // every 2024 rating was good
  });

  it('should refuse a bad year, an unknown scope and a missing output folder, writing nothing', { timeout: 180_000 }, async () => {
    const db = await seeded();
    const dir = tempDir();
    const env = { DATABASE_URL: `file:${db.path}`, BOT_LOCALE: 'vi' };
    const out = join(dir, 'r.docx');
    const badYear = await runCli(['report', 'compile', '--year', '20x5', '--out', out], env);
    expect([badYear.status, badYear.stdout]).toEqual([1, '']);
    expect(badYear.stderr).toMatch(/^Năm “20x5” không hợp lệ: hãy chọn một năm từ 2023 đến \d{4}\.\n$/);
    const scope = await runCli(['report', 'compile', '--year', String(YEAR), '--scope', 'KHONGCO', '--out', out], env);
    expect([scope.status, scope.stderr]).toEqual([1, '--scope: không có đơn vị mã “KHONGCO”. Gõ units list để xem danh sách.\n']);
    const folder = await runCli(['report', 'compile', '--year', String(YEAR), '--out', join(dir, 'khong-co', 'r.docx')], env);
    expect([folder.status, folder.stderr]).toEqual([1, `Không có thư mục để lưu tệp “${join(dir, 'khong-co', 'r.docx')}”. Hãy tạo thư mục trước hoặc chọn đường dẫn khác.\n`]);
    expect(existsSync(out)).toBe(false);
  });
});
