import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContactAdminRepository } from '../../../src/storage/repositories/contact-admin-repository.ts';
import { PROJECT_ROOT } from '../../support/run-process.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { bigContactsCsv, bigUnitsCsv, demoDatabase, dump, messagesOf } from './admin-db.ts';

const tempDir = useTempDirs();
const CONTACTS = readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'admin', 'contacts.csv'));
const HEADER = 'name,unit_code,role,phone\n';

let db: Awaited<ReturnType<typeof demoDatabase>> | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function open() {
  db = await demoDatabase(tempDir());
  return db;
}

describe('contacts import: refusing bad files', () => {
  const cases: Array<{ name: string; file: string | Buffer; expected: string[] }> = [
    { name: 'a missing column', file: 'name,phone\nAn,0912345678\n', expected: [
      'Line 1, column “role”: this column is missing. Accepted headers: role, vai_tro, quyen.',
      'Line 1, column “unit_code”: this column is missing. Accepted headers: unit_code, unit, ma_don_vi, don_vi, ma_dv.',
    ] },
    { name: 'a bad role', file: `${HEADER}An,SNV,trưởng phòng,0912345678\n`, expected: ['Line 2, column “role”: “trưởng phòng” is not a role. Use reporter (báo cáo), supervisor (theo dõi) or admin (quản trị).'] },
    { name: 'an unknown unit code', file: `${HEADER}An,SNV,reporter,\nBình,SO-KHONG-CO,reporter,\n`, expected: ['Line 3, column “unit_code”: there is no active unit with code “SO-KHONG-CO”. Import the units first, or check the code.'] },
    { name: 'a bad phone', file: `${HEADER}An,SNV,reporter,12345\n`, expected: ['Line 2, column “phone”: “12345” is not a phone number (expected 10 or 11 digits starting with 0, or +84).'] },
    { name: 'an empty required cell', file: `${HEADER},SNV,reporter,\n`, expected: ['Line 2, column “name”: this cell must not be empty.'] },
    { name: 'one phone for two people', file: `${HEADER}An,SNV,reporter,0912345678\nBình,STP,reporter,0912 345 678\n`, expected: ['Line 3, column “name”: this phone number was given to “An” on line 2; one phone number is one person.'] },
    { name: 'the same row twice', file: `${HEADER}An,SNV,reporter,0912345678\nAn,SNV,báo cáo,0912345678\n`, expected: ['Line 3, column “role”: the same person with the same role in the same unit is already on line 2.'] },
    { name: 'a wrong encoding', file: Buffer.from(`${HEADER}Tr\xe2n,SNV,reporter,\n`, 'latin1'), expected: [expect.stringContaining('CSV UTF-8')] as unknown as string[] },
    { name: 'an empty file', file: '\ufeff', expected: ['the file is empty: it needs a header line and at least one row.'] },
  ];

  for (const { name, file, expected } of cases) {
    it(`should refuse ${name} with its line and column, and write nothing`, async () => {
      const database = await open();
      const before = dump(database.path);
      expect(messagesOf(await database.contacts(file))).toEqual(expected);
      expect(dump(database.path)).toBe(before);
    });
  }
});

describe('contacts import: writing', () => {
  it('should merge the rows of one person, key them by phone or by unit and name, and change nothing the second time', async () => {
    const database = await open();
    expect(await database.contacts(CONTACTS)).toEqual({ ok: true, dryRun: false, rows: 5, summary: { added: 4, updated: 0, deactivated: 0, unchanged: 0 } });
    const rows = await new ContactAdminRepository(database.prisma).list();
    const imported = rows.filter((row) => !row.externalKey?.startsWith('demo:'));
    expect(imported.map((row) => [row.externalKey, row.name, row.phone, row.telegramUsername, row.roles.map((role) => `${role.unit}:${role.role}`).join(' ')])).toEqual([
      ['phone:0912345678', 'Nguyễn Văn An', '0912345678', 'nguyenvanan', 'SNV:reporter SNV:supervisor'],
      ['name:SYT:trần thị bình', 'Trần Thị Bình', null, null, 'SYT:reporter'],
      ['phone:0987654321', 'Lê Văn Cường', '0987654321', null, 'SYT-BVDK:reporter'],
      ['phone:0903111222', 'Phạm Thị Dung', '0903111222', 'dung_pham', 'UBND:admin'],
    ]);
    const after = dump(database.path);
    expect(await database.contacts(CONTACTS)).toMatchObject({ ok: true, summary: { added: 0, updated: 0, unchanged: 4 } });
    expect(dump(database.path)).toBe(after);
    expect(await database.prisma.auditLog.count({ where: { action: 'contact.create', actor: 'cli' } })).toBe(4);
  });

  it('should leave contacts out of the file alone, and move a name key to the phone once it is given', async () => {
    const database = await open();
    await database.contacts(CONTACTS);
    const before = await database.prisma.contact.count({ where: { active: true } });
    const outcome = await database.contacts(`${HEADER}Trần Thị Bình,SYT,supervisor,0977000111\n`);
    expect(outcome).toMatchObject({ ok: true, summary: { added: 0, updated: 1, unchanged: 0, deactivated: 0 } });
    expect(await database.prisma.contact.count({ where: { active: true } })).toBe(before);
    const binh = await database.prisma.contact.findUniqueOrThrow({ where: { externalKey: 'phone:0977000111' }, include: { roles: true } });
    expect(binh.roles.map((role) => role.role).sort()).toEqual(['reporter', 'supervisor']);
  });

  it('should keep a name key that the file still uses instead of moving it to a phone', async () => {
    const database = await open();
    await database.contacts(`${HEADER}An,SNV,reporter,\n`);
    const outcome = await database.contacts(`${HEADER}An,SNV,supervisor,0912345678\nAn,SNV,reporter,\n`);
    expect(outcome).toMatchObject({ ok: true, summary: { added: 1, updated: 0, unchanged: 1 } });
    expect(await database.prisma.contact.count({ where: { externalKey: { in: ['name:SNV:an', 'phone:0912345678'] } } })).toBe(2);
  });

  it('should bring back a deactivated contact who is in the file again', async () => {
    const database = await open();
    await database.contacts(CONTACTS);
    const repository = new ContactAdminRepository(database.prisma);
    expect(await repository.deactivate('phone:0987654321', 'cli')).toMatchObject({ found: true, changed: true });
    expect(await repository.deactivate('phone:0987654321', 'cli')).toMatchObject({ found: true, changed: false });
    expect(await database.prisma.auditLog.count({ where: { action: 'contact.deactivate' } })).toBe(1);
    expect((await repository.list({ role: 'reporter', unitCode: 'SYT-BVDK' })).length).toBe(0);
    expect(await database.contacts(CONTACTS)).toMatchObject({ ok: true, summary: { updated: 1, unchanged: 3 } });
    expect((await repository.list({ role: 'reporter', unitCode: 'SYT-BVDK' })).map((row) => row.name)).toEqual(['Lê Văn Cường']);
  });

  it('should import 2,000 contacts onto 2,000 units quickly, and again with nothing to do', async () => {
    const database = await open();
    expect(await database.units(bigUnitsCsv(2000))).toMatchObject({ ok: true });
    const file = bigContactsCsv(2000);
    const started = Date.now();
    expect(await database.contacts(file)).toMatchObject({ ok: true, rows: 2000, summary: { added: 2000, updated: 0, unchanged: 0 } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await database.prisma.role.count({ where: { contact: { externalKey: { startsWith: 'phone:09' } } } })).toBe(2000);
    const after = dump(database.path);
    expect(await database.contacts(file)).toMatchObject({ ok: true, summary: { added: 0, updated: 0, unchanged: 2000 } });
    expect(dump(database.path)).toBe(after);
  });
});
