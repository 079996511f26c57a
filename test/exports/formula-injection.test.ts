import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDigest, loadScope } from '../../src/app/digest/digest-builder.ts';
import { digestWorkbook } from '../../src/app/digest/digest-workbook.ts';
import { UnitTree } from '../../src/domain/digest/index.ts';
import { neutraliseFormula } from '../../src/exports/cell-safety.ts';
import { submissionSheets } from '../../src/exports/submissions-export.ts';
import { writeWorkbook } from '../../src/exports/workbook.ts';
import type { PrismaClient } from '../../src/storage/database.ts';
import { shippedForm } from '../domain/form-fixtures.ts';
import { MONDAY, reportDeps, seedDigestDatabase, UNITS } from '../app/digest/digest-fixtures.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
let prisma: PrismaClient | undefined;
afterEach(async () => {
  await prisma?.$disconnect();
  prisma = undefined;
});

/** Texts that a spreadsheet would run as formulas, as OWASP lists them (and their full-width twins). */
const HOSTILE = ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1', '\r=1', ' =HYPERLINK("http://x","y")', '＝1+1', '=cmd|\'/C calc\'!A0'];

/** Every cell of every sheet of an XLSX, as exceljs reads it back. */
async function cellsOf(bytes: Buffer): Promise<Array<{ sheet: string; value: unknown; formula: boolean }>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: Array<{ sheet: string; value: unknown; formula: boolean }> = [];
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) => row.eachCell((cell) => cells.push({ sheet: sheet.name, value: cell.value, formula: cell.type === ExcelJS.ValueType.Formula })));
  }
  return cells;
}

function expectNeutral(cells: Array<{ value: unknown; formula: boolean }>): void {
  for (const cell of cells) {
    expect(cell.formula).toBe(false);
    if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^\s*[=+\-@\t\r＝＋－＠]/u);
  }
}

describe('text that looks like a formula is neutralised in every workbook', () => {
  it.each(HOSTILE)('prefixes %j with a single quote', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it.each(['Đã họp', '12', '1-2', 'a=b', "'=quoted already"])('leaves %j as it is', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });

  it('keeps numbers, negative ones included, as numbers and headers as safe text', async () => {
    const bytes = await writeWorkbook([
      {
        name: 'x',
        columns: [{ key: 'text', header: '=header' }, { key: 'n', header: 'n' }],
        rows: [{ text: '-5', n: -5 }, { text: '=1+1', n: 3.5 }, { text: null, n: 0 }],
      },
    ]);
    const cells = await cellsOf(bytes);
    expectNeutral(cells);
    expect(cells.map((cell) => cell.value)).toEqual(["'=header", 'n', "'-5", -5, "'=1+1", 3.5, 0]);
  });

  it('neutralises text answers in the admin export, and keeps negative figures as numbers', async () => {
    const form = shippedForm('weekly_status');
    const textQuestion = form.questions.find((q) => q.type === 'text');
    if (!textQuestion) throw new Error('weekly_status has a text question');
    const units = UNITS.filter((unit) => unit.active && unit.parentId !== null).map((unit) => ({ ...unit }));
    const tree = new UnitTree(units as never);
    const submissions = HOSTILE.map((text, index) => ({
      unitId: units[index % units.length]!.id,
      formVersion: form.version,
      answers: { [textQuestion.name]: text },
      late: false,
      submittedAt: MONDAY,
      revision: -1 - index,
    }));
    const sheets = submissionSheets(submissions, { versions: new Map([[form.version, form]]), units: [], tree, locale: 'vi', timeZone: 'Asia/Ho_Chi_Minh', t: (key) => key });
    const cells = await cellsOf(await writeWorkbook(sheets));
    expectNeutral(cells);
    // XLSX stores a lone carriage return as a line feed, so that one is compared by the check above only.
    for (const text of HOSTILE.filter((t) => !t.includes('\r'))) expect(cells.map((cell) => cell.value)).toContain(`'${text}`);
    expect(cells.map((cell) => cell.value)).toContain(-1);
  });

  it('neutralises unit and contact names in the digest workbook', async () => {
    const seeded = await seedDigestDatabase(tempDir());
    prisma = seeded.prisma;
    await prisma.unit.update({ where: { id: 5 }, data: { name: '=HYPERLINK("http://x","Bệnh viện")' } });
    await prisma.contact.updateMany({ data: { name: '@SUM(1+1)' } });
    const deps = reportDeps(seeded.prisma, seeded.path);
    const data = await buildDigest(deps, await loadScope(deps.source, [{ role: 'supervisor', unitId: 1 }]), MONDAY);
    const cells = await cellsOf(await digestWorkbook(data, 'vi'));
    expectNeutral(cells);
    expect(cells.map((cell) => cell.value)).toContain('\'=HYPERLINK("http://x","Bệnh viện")');
    expect(cells.some((cell) => typeof cell.value === 'number')).toBe(true);
  });
});
