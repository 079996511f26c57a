import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bigContactsCsv, bigUnitsCsv, dump } from '../app/admin/admin-db.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { audit, demoCli, FIXTURES, json, SLOW } from './admin-cli-support.ts';

const tempDir = useTempDirs();
const demo = (locale = 'vi') => demoCli(tempDir(), locale);

describe('cli: units and contacts imports', () => {
  it('should import 2,000 units and 2,000 contacts, print only the summary JSON, and change nothing the second time', SLOW, async () => {
    const { dir, path, cli } = await demo();
    writeFileSync(join(dir, 'units.csv'), bigUnitsCsv(2000));
    writeFileSync(join(dir, 'contacts.csv'), bigContactsCsv(2000));
    const units = await cli('units', 'import', join(dir, 'units.csv'), '--json');
    expect(units.status).toBe(0);
    expect(json(units)).toEqual({ ok: true, dryRun: false, rows: 2000, added: 1999, updated: 0, deactivated: 37, unchanged: 1 });
    expect(units.stderr).toBe('');
    const contacts = await cli('contacts', 'import', join(dir, 'contacts.csv'), '--json');
    expect(json(contacts)).toEqual({ ok: true, dryRun: false, rows: 2000, added: 2000, updated: 0, deactivated: 0, unchanged: 0 });
    const after = dump(path);
    expect(json(await cli('units', 'import', join(dir, 'units.csv'), '--json'))).toMatchObject({ added: 0, updated: 0, deactivated: 0, unchanged: 2000 });
    expect(json(await cli('contacts', 'import', join(dir, 'contacts.csv'), '--json'))).toMatchObject({ added: 0, updated: 0, unchanged: 2000 });
    expect(dump(path)).toBe(after);
    expect(audit(path, 'units.import')).toHaveLength(1);
    expect(audit(path, 'contacts.import')).toHaveLength(1);
    expect(audit(path, 'unit.deactivate')).toHaveLength(37);
  });

  it('should list the problems by line and column on standard error, exit non-zero and write nothing', SLOW, async () => {
    const { dir, path, cli } = await demo('en');
    const before = dump(path);
    writeFileSync(join(dir, 'units.csv'), 'code;name;kind;parent_code\nX1;Một;department;UBND\nX1;Hai;department;UBND\nX2;Ba;grassroots;NOPE\n');
    const result = await cli('units', 'import', join(dir, 'units.csv'));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'The file has 2 problem(s). Nothing was written:',
        '- Line 3, column “code”: code “X1” already appears on line 2.',
        '- Line 4, column “parent_code”: parent unit “NOPE” is neither in the file nor an active unit already loaded.',
        '',
      ].join('\n'),
    );
    const asJson = await cli('units', 'import', join(dir, 'units.csv'), '--json');
    expect(json(asJson)).toMatchObject({ ok: false, problems: [{ line: 3, column: 'code', code: 'duplicate_code' }, { line: 4, column: 'parent_code', code: 'unknown_parent' }] });
    expect(dump(path)).toBe(before);
  });

  it('should explain a Windows-1252 file in Vietnamese by default', SLOW, async () => {
    const { dir, path, cli } = await demo();
    const before = dump(path);
    writeFileSync(join(dir, 'contacts.csv'), Buffer.from('name,unit_code,role\nJos\xe9,SNV,reporter\n', 'latin1'));
    const result = await cli('contacts', 'import', join(dir, 'contacts.csv'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('tệp không phải văn bản UTF-8 (ký tự đầu tiên không đọc được ở dòng 2)');
    expect(result.stderr).toContain('CSV UTF-8');
    expect(dump(path)).toBe(before);
    expect((await cli('units', 'import', join(dir, 'missing.csv'))).stderr).toContain('Không đọc được tệp');
  });

  it('should check without writing on --dry-run, and document the accepted headers in --help', SLOW, async () => {
    const { path, cli } = await demo('en');
    const before = dump(path);
    const dry = await cli('units', 'import', join(FIXTURES, 'units-bom-semicolon.csv'), '--dry-run');
    expect(dry.stdout).toBe('The file is valid (dry run, nothing written). It would give: 2 added, 0 updated, 32 deactivated, 6 unchanged.\n');
    expect(dump(path)).toBe(before);
    const help = (await cli('units', 'import', '--help')).stdout;
    expect(help).toContain('parent_code  required: parent_code, parent, ma_cap_tren');
    expect((await cli('contacts', 'import', '--help')).stdout).toContain('phone:<phone>');
  });
});
