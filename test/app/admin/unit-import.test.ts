import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { UnitRepository } from '../../../src/storage/repositories/unit-repository.ts';
import { PROJECT_ROOT } from '../../support/run-process.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { bigUnitsCsv, demoDatabase, dump, messagesOf } from './admin-db.ts';

const tempDir = useTempDirs();
const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'admin');
const HEADER = 'code,name,kind,parent_code\n';

let db: Awaited<ReturnType<typeof demoDatabase>> | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function open(seed = true) {
  db = await demoDatabase(tempDir(), seed);
  return db;
}

async function unitRows(database: NonNullable<typeof db>) {
  return (await new UnitRepository(database.prisma).list({ all: true })).map(({ id: _id, ...row }) => row);
}

/** Writes the CSV fixture as an Excel workbook, cell for cell. */
async function asXlsx(csv: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Đơn vị');
  for (const line of csv.trim().split('\n')) sheet.addRow(line.match(/("[^"]*"|[^,]*)(,|$)/g)?.filter((cell) => cell !== '').map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '')) ?? []);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('units import: refusing bad files', () => {
  const cases: Array<{ name: string; file: string | Buffer; expected: string[] }> = [
    { name: 'a missing column', file: 'code,name,parent_code\nX1,Đơn vị,UBND\n', expected: ['Line 1, column “kind”: this column is missing. Accepted headers: kind, type, unit_kind, loai, loai_don_vi, loai_dv.'] },
    { name: 'an empty required cell', file: `${HEADER}X1,,department,UBND\n`, expected: ['Line 2, column “name”: this cell must not be empty.'] },
    { name: 'an unknown parent', file: `${HEADER}X1,Đơn vị,department,UBND\nX2,Đơn vị 2,grassroots,NOPE\n`, expected: ['Line 3, column “parent_code”: parent unit “NOPE” is neither in the file nor an active unit already loaded.'] },
    {
      name: 'a cycle in the hierarchy',
      file: `${HEADER}UBND,Tỉnh,province,\nA,A,department,C\nB,B,department,A\nC,C,department,B\n`,
      expected: ['Line 3, column “parent_code”: the hierarchy goes round in a circle: A → C → B → A.'],
    },
    {
      name: 'a cycle through a stored unit',
      file: 'Mã,Tên,Loại,Mã cấp trên\nSYT,Sở Y tế,sở,SYT-BVDK\n',
      expected: ['Line 2, column “Mã cấp trên”: the hierarchy goes round in a circle: SYT → SYT-BVDK → SYT.'],
    },
    { name: 'a duplicate code', file: `${HEADER}X1,Một,department,UBND\nX2,Hai,department,UBND\nX1,Ba,department,UBND\n`, expected: ['Line 4, column “code”: code “X1” already appears on line 2.'] },
    { name: 'a bad kind', file: `${HEADER}X1,Một,ministry,UBND\n`, expected: [expect.stringContaining('Line 2, column “kind”: “ministry” is not a kind of unit.')] as unknown as string[] },
    {
      name: 'a wrong encoding (Windows-1252)',
      file: Buffer.from(`${HEADER}X1,Caf\xe9 tỉnh,department,UBND\n`.replace('tỉnh', 'tinh'), 'latin1'),
      expected: [expect.stringMatching(/^the file is not UTF-8 text \(the first unreadable character is on line 2\).*CSV UTF-8/)] as unknown as string[],
    },
    { name: 'an empty file', file: '', expected: ['the file is empty: it needs a header line and at least one row.'] },
    { name: 'a header without rows', file: HEADER, expected: ['the file has a header line but no rows.'] },
  ];

  for (const { name, file, expected } of cases) {
    it(`should refuse ${name} with its line and column, and write nothing`, async () => {
      const database = await open();
      const before = dump(database.path);
      expect(messagesOf(await database.units(file))).toEqual(expected);
      expect(dump(database.path)).toBe(before);
    });
  }

  it('should list every problem of a file at once, in Vietnamese by default', async () => {
    const database = await open();
    const before = dump(database.path);
    const outcome = await database.units(`${HEADER}X1,,department,UBND\nX2,Hai,bộ,UBND\nX3,Ba,department,KHONGCO\n`);
    expect(messagesOf(outcome, 'vi')).toEqual([
      'Dòng 2, cột “name”: ô này không được để trống.',
      'Dòng 3, cột “kind”: “bộ” không phải loại đơn vị. Dùng một trong: province, department, agency, association, grassroots (hoặc tiếng Việt: tỉnh, sở, cơ quan, hội, cơ sở).',
      'Dòng 4, cột “parent_code”: đơn vị cấp trên “KHONGCO” không có trong tệp và cũng không phải đơn vị đang hoạt động đã nạp.',
    ]);
    expect(dump(database.path)).toBe(before);
  });
});

describe('units import: writing', () => {
  it('should import the same file twice with nothing changed the second time', async () => {
    const database = await open();
    const file = readFileSync(join(FIXTURES, 'units.csv'));
    expect(await database.units(file)).toEqual({ ok: true, dryRun: false, rows: 8, summary: { added: 2, updated: 0, deactivated: 32, unchanged: 6 } });
    const after = dump(database.path);
    expect(await database.units(file)).toEqual({ ok: true, dryRun: false, rows: 8, summary: { added: 0, updated: 0, deactivated: 0, unchanged: 8 } });
    expect(dump(database.path)).toBe(after);
  });

  it('should check without writing on a dry run', async () => {
    const database = await open();
    const before = dump(database.path);
    const outcome = await database.units(readFileSync(join(FIXTURES, 'units.csv')), 'units.csv', true);
    expect(outcome).toMatchObject({ ok: true, dryRun: true, summary: { added: 2, deactivated: 32 } });
    expect(dump(database.path)).toBe(before);
  });

  it('should deactivate a unit left out of the file and keep its reports', async () => {
    const database = await open();
    const cdc = await database.prisma.unit.findUniqueOrThrow({ where: { code: 'SYT-CDC' } });
    const now = new Date();
    await database.prisma.submission.create({
      data: { unitId: cdc.id, formId: 'weekly_status', periodKey: '2026-W48', currentRevision: 1, formVersion: 1, answers: '{}', firstSubmittedAt: now, submittedAt: now, late: false },
    });
    await database.units(readFileSync(join(FIXTURES, 'units.csv')));
    expect(await database.prisma.unit.findUniqueOrThrow({ where: { code: 'SYT-CDC' } })).toMatchObject({ active: false });
    expect(await database.prisma.submission.count({ where: { unitId: cdc.id } })).toBe(1);
    const units = new UnitRepository(database.prisma);
    expect((await units.list()).map((row) => row.code)).not.toContain('SYT-CDC');
    expect((await units.list({ all: true })).find((row) => row.code === 'SYT-CDC')).toMatchObject({ active: false, parent: 'SYT' });
    const audit = await database.prisma.auditLog.findMany({ where: { action: 'unit.deactivate', entityId: String(cdc.id) } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'cli', entity: 'Unit' });
  });

  it('should keep the root province and the parents the file hangs units under', async () => {
    const database = await open();
    const outcome = await database.units(`${HEADER}SYT-NEW,Trạm mới,grassroots,SYT\n`);
    expect(outcome).toMatchObject({ ok: true, summary: { added: 1, deactivated: 36 } });
    const active = (await new UnitRepository(database.prisma).list()).map((row) => row.code);
    expect(active).toEqual(['UBND', 'SYT', 'SYT-NEW']);
  });

  it('should reactivate and move a unit that comes back, and audit both', async () => {
    const database = await open();
    await database.units(readFileSync(join(FIXTURES, 'units.csv')));
    const outcome = await database.units(`${readFileSync(join(FIXTURES, 'units.csv'), 'utf8')}SYT-CDC,Trung tâm Kiểm soát bệnh tật,grassroots,SNV\n`);
    expect(outcome).toMatchObject({ ok: true, summary: { added: 0, updated: 1, deactivated: 0, unchanged: 8 } });
    const row = (await new UnitRepository(database.prisma).list()).find((unit) => unit.code === 'SYT-CDC');
    expect(row).toMatchObject({ active: true, parent: 'SNV', name: 'Trung tâm Kiểm soát bệnh tật' });
    const update = await database.prisma.auditLog.findFirstOrThrow({ where: { action: 'unit.update' } });
    expect(JSON.parse(update.detail ?? '{}')).toMatchObject({ code: 'SYT-CDC', before: { active: false, parentCode: 'SYT' }, after: { active: true, parentCode: 'SNV' } });
    expect(await database.prisma.auditLog.count({ where: { action: 'units.import' } })).toBe(2);
  });

  it('should give the same units from a comma CSV, a BOM and semicolon CSV, and an Excel workbook', async () => {
    const csv = readFileSync(join(FIXTURES, 'units.csv'), 'utf8');
    const results = [];
    for (const [name, bytes] of [
      ['units.csv', Buffer.from(csv)],
      ['units-bom-semicolon.csv', readFileSync(join(FIXTURES, 'units-bom-semicolon.csv'))],
      ['units.xlsx', await asXlsx(csv)],
    ] as const) {
      const database = await open(false);
      expect(await database.units(bytes, name)).toMatchObject({ ok: true, summary: { added: 8 } });
      results.push(await unitRows(database));
      await database.close();
      db = undefined;
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(results[0]?.find((row) => row.code === 'HCTD-CS1')).toMatchObject({ name: 'Chi hội Chữ thập đỏ phường 1, thành phố', kind: 'grassroots', parent: 'HCTD', depth: 2 });
  });

  it('should import 2,000 units quickly, and again with nothing to do', async () => {
    const database = await open();
    const file = bigUnitsCsv(2000);
    const started = Date.now();
    expect(await database.units(file)).toMatchObject({ ok: true, rows: 2000, summary: { added: 1999, updated: 0, deactivated: 37, unchanged: 1 } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await database.prisma.unit.count({ where: { active: true } })).toBe(2000);
    const after = dump(database.path);
    expect(await database.units(file)).toMatchObject({ ok: true, summary: { added: 0, updated: 0, deactivated: 0, unchanged: 2000 } });
    expect(dump(database.path)).toBe(after);
    const g = await database.prisma.unit.findUniqueOrThrow({ where: { code: 'G1999' }, include: { parent: true } });
    expect(g.parent?.code).toBe(`D${(1999 % 39) + 1}`);
  });
});
