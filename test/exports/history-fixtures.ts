// A small province whose reports are stored through the real submission writer (the one the chat
// pipeline uses), for the history import tests: export it, load the workbooks into a fresh database.
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { UnitTree, isReportingUnit } from '../../src/domain/digest/index.ts';
import type { Answers } from '../../src/domain/index.ts';
import { templateSheets } from '../../src/exports/history-template.ts';
import { writeWorkbook } from '../../src/exports/workbook.ts';
import { translate } from '../../src/i18n/translator.ts';
import { createPrismaClient, migrateDatabase, type PrismaClient } from '../../src/storage/database.ts';
import { writeSubmission } from '../../src/storage/repositories/submission-writer.ts';
import { UNITS, shippedForms } from '../app/digest/digest-fixtures.ts';

function rated(prefix: 'org' | 'cell' | 'member', htxs: number, htt: number, ht: number, kht: number): Answers {
  return { [`${prefix}_htxsnv`]: htxs, [`${prefix}_httnv`]: htt, [`${prefix}_htnv`]: ht, [`${prefix}_khtnv`]: kht, [`${prefix}_total`]: htxs + htt + ht + kht };
}

function yearly(org: number[], members: number, heads: [number, number] | null): Answers {
  const [a = 0, b = 0, c = 0, d = 0] = org;
  return {
    ...rated('org', a, b, c, d),
    ...rated('cell', a * 2, b * 2, c, d),
    ...rated('member', a * 10, b * 20, c * 3, d),
    members_dec31: members,
    ...(heads ? { has_heads: 'yes', heads_total: heads[0], heads_members: heads[1] } : { has_heads: 'no' }),
  };
}

const monthly = (admitted: number, members: number): Answers => ({ admitted, members_current: members, inspections: 1, supervisions: 0, discipline_cases: 0 });

/** [unit code, form, period, answers, late]: valid reports over the periods the tests export. */
export const HISTORY: Array<[string, string, string, Answers, boolean]> = [
  ['SNV', 'yearly_ratings', '2025', yearly([2, 10, 1, 0], 1340, [8, 7]), false],
  ['STP', 'yearly_ratings', '2025', yearly([1, 3, 1, 0], 100, null), false],
  ['SYT-BV', 'yearly_ratings', '2025', yearly([3, 6, 0, 0], 200, [4, 4]), true],
  ['SNV', 'monthly_figures', '2026-10', monthly(20, 1360), false],
  ['SYT-BV', 'monthly_figures', '2026-10', monthly(3, 203), false],
  ['SNV', 'weekly_status', '2026-W47', { p1_progress: 'blocked', p2_progress: 'on_track', p3_progress: 'behind', blockers: '=thiếu kinh phí, -20% so với kế hoạch', work_done: 'Họp chi bộ\nRà soát hồ sơ', support_needed: null }, false],
  ['SYT', 'weekly_status', '2026-W47', { p1_progress: 'on_track', p2_progress: 'on_track', p3_progress: 'on_track', work_done: 'Kiểm tra 2 chi bộ' }, true],
];

/** The periods exported, one workbook each. */
export const EXPORTS: Array<[string, string]> = [
  ['yearly_ratings', '2025'],
  ['monthly_figures', '2026-10'],
  ['weekly_status', '2026-W47'],
];

/**
 * A fresh migrated SQLite file with the same units under other ids (the import goes by unit code), as a
 * province that starts the bot has after `units import`.
 */
export async function freshHistoryTarget(dir: string): Promise<{ prisma: PrismaClient; url: string }> {
  const path = join(dir, 'target.db');
  migrateDatabase(path);
  const prisma = createPrismaClient(path);
  const shift = (id: number | null) => (id === null ? null : id + 100);
  await prisma.unit.createMany({ data: UNITS.map((unit) => ({ ...unit, id: shift(unit.id) ?? 0, parentId: shift(unit.parentId) })) });
  return { prisma, url: `file:${path}` };
}

/** A migrated SQLite file with the units and the reports of HISTORY (SNV's October report amended once). */
export async function seedHistorySource(dir: string): Promise<{ prisma: PrismaClient; url: string }> {
  const path = join(dir, 'source.db');
  migrateDatabase(path);
  const prisma = createPrismaClient(path);
  await prisma.unit.createMany({ data: UNITS.map((unit) => ({ ...unit })) });
  const reporter = await prisma.contact.create({ data: { name: 'Lê Thị Lan', roles: { create: { role: 'reporter', unitId: 2 } } } });
  const idOf = new Map(UNITS.map((unit) => [unit.code as string, unit.id as number]));
  await prisma.$transaction(async (tx) => {
    for (const [code, formId, periodKey, answers, late] of HISTORY) {
      const write = { unitId: idOf.get(code) ?? 0, formId, formVersion: 1, periodKey, late, contactId: reporter.id, channel: 'telegram' as const };
      if (code === 'SNV' && periodKey === '2026-10') await writeSubmission(tx, { ...write, answers: monthly(19, 1359) }, new Date('2026-11-03T02:00:00Z'));
      await writeSubmission(tx, { ...write, answers }, new Date('2026-11-04T09:30:00Z'));
    }
  });
  return { prisma, url: `file:${path}` };
}

/** A template of a shipped form, made in the test (the CLI's own is tested beside), as a workbook to fill in. */
export async function template(formId: string): Promise<ExcelJS.Workbook> {
  const form = shippedForms().find((f) => f.id === formId);
  if (!form) throw new Error(formId);
  const tree = new UnitTree(UNITS.map((unit) => ({ ...unit })));
  const sheets = templateSheets({
    form,
    units: tree.units.filter(isReportingUnit),
    tree,
    locale: 'vi',
    timeZone: 'Asia/Ho_Chi_Minh',
    now: new Date('2026-11-29T01:00:00Z'),
    te: (key, params) => translate('vi', `exports.${key}`, params),
    th: (key, params) => translate('vi', `history.${key}`, params),
  });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await writeWorkbook(sheets)) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Appends rows to a sheet, by header prefix (question name or fixed header), and returns their row numbers. */
export function fill(sheet: ExcelJS.Worksheet, rows: Array<Record<string, ExcelJS.CellValue>>): number[] {
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  return rows.map((values) => {
    const cells = header.map((text) => {
      const key = Object.keys(values).find((k) => text === k || text.startsWith(`${k}:`));
      return key === undefined ? null : (values[key] ?? null);
    });
    return sheet.addRow(cells).number;
  });
}
