import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dir.ts';
import { demoCli, SLOW } from './admin-cli-support.ts';

const tempDir = useTempDirs();

/**
 * Bad values an operator may type, one per class (counts, days, dates, periods, codes, paths), across
 * the commands that take them. Each must fail with exit code 1, name the option or the path and what
 * is allowed, print nothing on standard output (even with --json), and never fall back to
 * "something unexpected went wrong".
 */
const CASES: Array<[name: string, args: (dir: string) => string[], says: string[], output?: 'json-result' | 'no-json']> = [
  ['a count of zero', () => ['invite', 'create', '--unit', 'STP', '--role', 'reporter', '--count', '0'], ['--count', 'từ 1 đến 500', '“0”']],
  ['a count that is no number', () => ['invite', 'create', '--unit', 'STP', '--role', 'reporter', '--count', 'ba'], ['--count', '“ba”']],
  ['a fractional count', () => ['invite', 'create', '--unit', 'STP', '--role', 'reporter', '--count', '1.5'], ['--count', '“1.5”']],
  ['negative days', () => ['invite', 'create', '--unit', 'STP', '--role', 'reporter', '--days', '-5'], ['--days', 'từ 1 đến 365', '“-5”']],
  ['days beyond any date', () => ['invite', 'create', '--unit', 'STP', '--role', 'reporter', '--days', '99999999999'], ['--days', 'từ 1 đến 365']],
  ['an unknown unit', () => ['invite', 'create', '--unit', 'NOPE', '--role', 'reporter'], ['“NOPE”']],
  ['an --out into a missing folder', (dir) => ['export', '--form', 'monthly_figures', '--period', '2026-10', '--out', join(dir, 'khong-co', 'x.xlsx')], ['--out', 'khong-co', 'không có thư mục']],
  ['an --out that is a folder', (dir) => ['export', '--form', 'monthly_figures', '--period', '2026-10', '--out', join(dir, 'folder')], ['--out', 'là một thư mục']],
  ['an export period of another kind', (dir) => ['export', '--form', 'monthly_figures', '--period', '2026-W10', '--out', join(dir, 'x.xlsx')], ['--period', '“2026-W10”', 'monthly_figures']],
  ['an export period that is no period', (dir) => ['export', '--form', 'monthly_figures', '--period', 'tháng 10', '--out', join(dir, 'x.xlsx')], ['--period', '“tháng 10”']],
  ['an unknown form', (dir) => ['export', '--form', 'nope', '--period', '2026-10', '--out', join(dir, 'x.xlsx')], ['“nope”', 'forms list']],
  ['a submissions period that is no period', () => ['submissions', 'list', '--period', 'abc'], ['--period', '“abc”', '2026-']],
  ['a submissions period of another kind', () => ['submissions', 'list', '--form', 'weekly_status', '--period', '2026-10'], ['--period', 'weekly_status']],
  ['an unknown form to list', () => ['submissions', 'list', '--form', 'nope'], ['“nope”']],
  ['a date that is no date', () => ['indicators', '--at', '31/02/2026'], ['--at', '31/02/2026', '2026-11-27']],
  ['an unknown scope', () => ['indicators', '--scope', 'NOPE'], ['--scope', '“NOPE”']],
  ['an unknown contacts unit', () => ['contacts', 'list', '--unit', 'NOPE'], ['--unit', '“NOPE”']],
  ['a reminder period of another kind', () => ['reminders', 'send', '--form', 'monthly_figures', '--period', '2026-Q1'], ['--period', '“2026-Q1”']],
  ['a missing import file', (dir) => ['units', 'import', join(dir, 'khong-co.csv')], ['khong-co.csv']],
  ['a missing form file', (dir) => ['forms', 'validate', join(dir, 'khong-co.yaml')], ['khong-co.yaml', 'Không đọc được'], 'json-result'],
  ['a role outside the choices', () => ['invite', 'create', '--unit', 'STP', '--role', 'boss'], ['--role', '“boss”', 'reporter, supervisor, admin', '--help']],
  ['a missing mandatory option', () => ['invite', 'create', '--role', 'reporter'], ['Thiếu tuỳ chọn bắt buộc --unit']],
  ['an option without its value', () => ['invite', 'create', '--role', 'reporter', '--unit'], ['--unit', 'cần một giá trị'], 'no-json'],
  ['an unknown option', () => ['outbox', 'status', '--verbose'], ['Không có tuỳ chọn --verbose']],
  ['an unknown command', () => ['units', 'erase'], ['Không có lệnh “erase”']],
  ['a missing argument', () => ['invite', 'revoke'], ['Thiếu id']],
  ['a language outside the choices', () => ['digest', 'preview', '--locale', 'fr'], ['--locale', '“fr”', 'vi, en']],
  ['a database URL of no kind', () => ['db', 'copy', '--from', 'mysql://x', '--to', 'file:y.db'], ['--from', '--to']],
];

describe('command-line options: bad values are refused by name', () => {
  let cli: Awaited<ReturnType<typeof demoCli>>['cli'];
  let path = '';
  let dir = '';
  beforeAll(async () => {
    // One database for every case (kept across them, unlike tempDir's folders).
    dir = mkdtempSync(join(tmpdir(), 'baocao-test-'));
    mkdirSync(join(dir, 'folder'));
    ({ cli, path } = await demoCli(dir));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(CASES)('refuses %s, naming what is wrong', async (_name, args, says, output) => {
    // With --json last, a value-less option would take it as its value: that case runs without it.
    const result = output === 'no-json' ? await cli(...args(dir)) : await cli(...args(dir), '--json');
    expect(result.status, result.stderr).toBe(1);
    // `forms validate --json` answers with its verdict as JSON; every other refusal prints nothing there.
    const said = output === 'json-result' ? JSON.stringify(JSON.parse(result.stdout)) : result.stderr;
    if (output !== 'json-result') expect(result.stdout).toBe('');
    for (const text of says) expect(said).toContain(text);
    expect(result.stderr).not.toContain('không mong muốn');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, SLOW.timeout);

  it('writes nothing when an option is refused', () => {
    const db = new Database(path, { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM "Invite"').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('speaks English to an English operator', async () => {
    const english = await (await demoCli(tempDir(), 'en')).cli('invite', 'create', '--unit', 'STP', '--role', 'reporter', '--count', '0');
    expect(english.stderr).toContain('--count must be a whole number from 1 to 500');
  }, SLOW.timeout);
});
