// A small province with hand-computed figures, written to a real SQLite file, for the digest,
// query and export tests. Expected values are worked out in the tests next to each assertion.
import { join } from 'node:path';
import type { ReportDeps } from '../../../src/app/digest/digest-builder.ts';
import type { Answers, Form } from '../../../src/domain/index.ts';
import { createPrismaClient, migrateDatabase, type PrismaClient } from '../../../src/storage/database.ts';
import { readFormFolder } from '../../../src/storage/form-files.ts';
import { ReportDataRepository } from '../../../src/storage/repositories/report-data-repository.ts';

/** Monday 30/11/2026 08:00 in Hanoi: the weekly digest's time. */
export const MONDAY = new Date('2026-11-30T01:00:00Z');
export const TZ = 'Asia/Ho_Chi_Minh';

export const UNITS = [
  { id: 1, code: 'UBND', name: 'Uỷ ban nhân dân tỉnh', kind: 'province', parentId: null, active: true },
  { id: 2, code: 'SNV', name: 'Sở Nội vụ', kind: 'department', parentId: 1, active: true },
  { id: 3, code: 'STP', name: 'Sở Tư pháp', kind: 'department', parentId: 1, active: true },
  { id: 4, code: 'SYT', name: 'Sở Y tế', kind: 'department', parentId: 1, active: true },
  { id: 5, code: 'SYT-BV', name: 'Bệnh viện Đa khoa tỉnh', kind: 'grassroots', parentId: 4, active: true },
  { id: 6, code: 'SYT-CDC', name: 'Trung tâm Kiểm soát bệnh tật tỉnh', kind: 'grassroots', parentId: 4, active: true },
  { id: 7, code: 'HNB', name: 'Hội Nhà báo tỉnh', kind: 'association', parentId: 1, active: true },
  { id: 8, code: 'OLD', name: 'Sở Cũ', kind: 'department', parentId: 1, active: false },
] as const;

function rated(prefix: 'org' | 'cell' | 'member', htxs: number, htt: number, ht: number, kht: number): Answers {
  return { [`${prefix}_htxsnv`]: htxs, [`${prefix}_httnv`]: htt, [`${prefix}_htnv`]: ht, [`${prefix}_khtnv`]: kht, [`${prefix}_total`]: htxs + htt + ht + kht };
}

const WEEKLY: Answers = { p1_progress: 'on_track', p2_progress: 'on_track', p3_progress: 'behind', work_done: 'Họp chi bộ', support_needed: null };

/** [unitId, formId, periodKey, answers, late] */
export const SUBMISSIONS: Array<[number, string, string, Answers, boolean]> = [
  [2, 'yearly_ratings', '2025', { ...rated('org', 2, 10, 1, 0), ...rated('cell', 5, 20, 3, 0), ...rated('member', 40, 300, 12, 2), members_dec31: 1340, has_heads: 'yes', heads_total: 8, heads_members: 7 }, false],
  [3, 'yearly_ratings', '2025', { ...rated('org', 1, 3, 1, 0), ...rated('cell', 2, 8, 0, 0), ...rated('member', 10, 80, 5, 0), members_dec31: 100, has_heads: 'no' }, false],
  [5, 'yearly_ratings', '2025', { ...rated('org', 3, 6, 0, 0), ...rated('cell', 4, 10, 1, 0), ...rated('member', 50, 140, 8, 2), members_dec31: 200, has_heads: 'yes', heads_total: 0, heads_members: 0 }, true],
  [2, 'yearly_ratings', '2024', { ...rated('org', 1, 10, 2, 0) }, false],
  [2, 'monthly_figures', '2026-10', { admitted: 20, members_current: 1360, inspections: 1, supervisions: 2, discipline_cases: 0 }, false],
  [3, 'monthly_figures', '2026-10', { admitted: 1, members_current: 101, inspections: 0, supervisions: 0, discipline_cases: 0 }, true],
  [2, 'monthly_figures', '2026-09', { admitted: 10, members_current: 1340, inspections: 0, supervisions: 1, discipline_cases: 1 }, false],
  [2, 'weekly_status', '2026-W48', WEEKLY, false],
  [4, 'weekly_status', '2026-W48', WEEKLY, true],
  [2, 'weekly_status', '2026-W47', WEEKLY, false],
];

/** The shipped forms. */
export function shippedForms(): Form[] {
  return readFormFolder().map((file) => file.form);
}

/** Writes the dataset to `<dir>/digest.db`; contacts: a province supervisor, an SYT supervisor, an STP reporter (unreachable on Telegram). */
export async function seedDigestDatabase(dir: string): Promise<{ prisma: PrismaClient; path: string; contacts: Record<'province' | 'syt' | 'stp', number> }> {
  const path = join(dir, 'digest.db');
  migrateDatabase(path);
  const prisma = createPrismaClient(path);
  await prisma.unit.createMany({ data: UNITS.map((unit) => ({ ...unit })) });
  await prisma.submission.createMany({
    data: SUBMISSIONS.map(([unitId, formId, periodKey, answers, late]) => ({
      unitId, formId, periodKey, answers: JSON.stringify(answers), late, currentRevision: 1, formVersion: 1,
      firstSubmittedAt: new Date('2026-11-27T09:00:00Z'), submittedAt: new Date('2026-11-27T09:00:00Z'),
    })),
  });
  const contact = (name: string, role: string, unitId: number) => prisma.contact.create({ data: { name, roles: { create: { role, unitId } } } });
  const province = await contact('Nguyễn Thị Hạnh', 'supervisor', 1);
  const syt = await contact('Hoàng Anh Tuấn', 'supervisor', 4);
  const stp = await contact('Lê Thị Lan', 'reporter', 3);
  await prisma.channelIdentity.create({ data: { contactId: stp.id, channel: 'telegram', userId: '9001', chatId: '9001', unreachableAt: new Date('2026-11-20T03:00:00Z'), unreachableReason: 'blocked' } });
  await prisma.channelIdentity.create({ data: { contactId: province.id, channel: 'zalo', userId: 'z1', chatId: 'z1' } });
  return { prisma, path, contacts: { province: province.id, syt: syt.id, stp: stp.id } };
}

/** Report deps over the database, through Prisma only or with the SQLite fast path. */
export function reportDeps(prisma: PrismaClient, sqlitePath?: string): ReportDeps & { source: ReportDataRepository } {
  const forms = shippedForms();
  return { source: new ReportDataRepository(prisma, sqlitePath ? { sqlitePath } : {}), forms: () => forms, timeZone: TZ };
}
