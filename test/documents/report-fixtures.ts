// The demo province with a year of reports, on a real SQLite file, for the compiled report's tests
// (and to render the README's sample page). Figures follow simple rules by unit so every section
// has something: units that never report, units without ratings (excluded), units below target,
// slow and blocked programmes, blockers and proposals.
import { join } from 'node:path';
import type { ReportDeps } from '../../src/app/digest/digest-builder.ts';
import type { Answers } from '../../src/domain/index.ts';
import { openDatabase, type PrismaClient } from '../../src/storage/database.ts';
import { readFormFolder } from '../../src/storage/form-files.ts';
import { ReportDataRepository } from '../../src/storage/repositories/report-data-repository.ts';
import { seedDemoProvince } from '../../src/storage/seed-demo.ts';

export const TZ = 'Asia/Ho_Chi_Minh';
/** The fixture's year: a past year, so that the command line (on the wall clock) accepts it. */
export const YEAR = 2025;
/** 30/11/2025 in Hanoi: the figures' instant in the tests. */
export const AT_TEXT = '2025-11-30';

/** Units that file nothing at all: every ninth reporting unit. */
export const neverReports = (i: number): boolean => i % 9 === 8;
/** Units that file no ratings for the year (so they are excluded from the rating indicators). */
export const noRatings = (i: number): boolean => i % 5 === 3;

function rated(prefix: string, total: number, good: number): Answers {
  const excellent = Math.floor(good / 3);
  return { [`${prefix}_htxsnv`]: excellent, [`${prefix}_httnv`]: good - excellent, [`${prefix}_htnv`]: total - good, [`${prefix}_khtnv`]: 0, [`${prefix}_total`]: total };
}

type Row = { unitId: number; formId: string; periodKey: string; answers: Answers; late: boolean; at: Date };

/** The submissions of the dataset for the demo province's reporting units (sorted by code). */
export function fixtureRows(units: ReadonlyArray<{ id: number; code: string }>, year = YEAR): Row[] {
  const rows: Row[] = [];
  const at = (month: number, day: number) => new Date(Date.UTC(year, month - 1, day, 3));
  units.forEach((unit, i) => {
    if (neverReports(i)) return;
    const members = 40 + ((i * 7) % 60);
    rows.push({ unitId: unit.id, formId: 'yearly_ratings', periodKey: String(year - 1), answers: { ...rated('org', 4, 4), ...rated('cell', 10, 10), ...rated('member', members, members), members_dec31: members, has_heads: 'no' }, late: false, at: at(1, 10) });
    if (!noRatings(i)) {
      const orgs = 4 + (i % 3);
      const cells = 10 + (i % 5);
      const heads: Answers = i % 4 === 1 ? { has_heads: 'yes', heads_total: 5, heads_members: 4 + (i % 2) } : { has_heads: 'no' };
      rows.push({
        unitId: unit.id,
        formId: 'yearly_ratings',
        periodKey: String(year),
        answers: { ...rated('org', orgs, orgs - (i % 4 === 0 ? 2 : 0)), ...rated('cell', cells, cells - (i % 3)), ...rated('member', members + 2, members + 2 - (i % 6)), members_dec31: members + 2, ...heads },
        late: i % 7 === 2,
        at: at(11, 20),
      });
    }
    for (let month = 1; month <= 10; month += 1) {
      rows.push({
        unitId: unit.id,
        formId: 'monthly_figures',
        periodKey: `${year}-${String(month).padStart(2, '0')}`,
        answers: { admitted: (i + month) % 4 === 0 ? 1 : 0, members_current: members, inspections: month % 3 === 0 ? 1 : 0, supervisions: 1, discipline_cases: 0 },
        late: i % 7 === 2,
        at: at(month + 1, 4),
      });
    }
    if (i % 2 !== 0) return;
    for (let week = 4; week <= 44; week += 4) {
      const blocked = i % 6 === 0 && week === 16;
      rows.push({
        unitId: unit.id,
        formId: 'weekly_status',
        periodKey: `${year}-W${String(week).padStart(2, '0')}`,
        answers: {
          p1_progress: 'on_track',
          p2_progress: week % 8 === 0 ? 'behind' : 'on_track',
          p3_progress: blocked ? 'blocked' : 'on_track',
          ...(blocked ? { blockers: 'Thiếu cán bộ làm công tác kiểm tra chuyên trách' } : {}),
          work_done: 'Họp chi bộ định kỳ, sinh hoạt chuyên đề',
          ...(week === 20 && i % 4 === 0 ? { support_needed: 'Đề nghị Sở Nội vụ tổ chức tập huấn nghiệp vụ công tác đảng' } : {}),
        },
        late: false,
        at: at(Math.min(12, Math.ceil(week / 4.35) || 1), 5),
      });
    }
  });
  return rows;
}

/** The demo province and a year of its reports in a new SQLite file under `dir`. */
export async function seedReportDatabase(dir: string, year = YEAR): Promise<{ prisma: PrismaClient; path: string; deps: ReportDeps; reporting: Array<{ id: number; code: string; name: string }> }> {
  const path = join(dir, 'report.db');
  const { prisma } = await openDatabase(`file:${path}`);
  await seedDemoProvince(prisma);
  const reporting = await prisma.unit.findMany({ where: { active: true, kind: { not: 'province' } }, orderBy: { code: 'asc' }, select: { id: true, code: true, name: true } });
  const rows = fixtureRows(reporting, year);
  await prisma.submission.createMany({
    data: rows.map((row) => ({ unitId: row.unitId, formId: row.formId, periodKey: row.periodKey, currentRevision: 1, formVersion: 1, answers: JSON.stringify(row.answers), firstSubmittedAt: row.at, submittedAt: row.at, late: row.late })),
  });
  const forms = readFormFolder().map((file) => file.form);
  return { prisma, path, deps: { source: new ReportDataRepository(prisma, { sqlitePath: path }), forms: () => forms, timeZone: TZ }, reporting };
}
