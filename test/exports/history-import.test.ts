import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/app/digest/digest-builder.ts';
import { digestReply } from '../../src/app/digest/digest-reply.ts';
import { replyText } from '../../src/app/digest/message-text.ts';
import { unitStatusReply } from '../../src/app/digest/unit-status.ts';
import { scopeOf, UnitTree } from '../../src/domain/digest/index.ts';
import type { PrismaClient } from '../../src/storage/database.ts';
import { MONDAY, reportDeps } from '../app/digest/digest-fixtures.ts';
import { runCli } from '../support/run-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { EXPORTS, freshHistoryTarget, HISTORY, seedHistorySource } from './history-fixtures.ts';

const tempDir = useTempDirs();
const clients: PrismaClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.$disconnect();
});

/** Exports every period of the fixture into `dir`; the files, in order. */
async function exportAll(dir: string, env: Record<string, string>, which = EXPORTS): Promise<string[]> {
  const files: string[] = [];
  for (const [form, period] of which) {
    const out = join(dir, `${form}-${period}.xlsx`);
    const result = await runCli(['export', '--form', form, '--period', period, '--out', out], env);
    expect(result.stderr).toBe('');
    files.push(out);
  }
  return files;
}

/** A fresh database with the same units under other ids. */
async function freshTarget(dir: string): Promise<{ env: Record<string, string>; prisma: PrismaClient }> {
  const target = await freshHistoryTarget(dir);
  clients.push(target.prisma);
  return { env: { DATABASE_URL: target.url, BOT_LOCALE: 'vi' }, prisma: target.prisma };
}

/** The province digest and each unit's "/donvi" answer, as text, over one database. */
async function chatViews(prisma: PrismaClient): Promise<string[]> {
  const deps = reportDeps(prisma);
  const tree = new UnitTree(await deps.source.units());
  const root = tree.root();
  if (!root) throw new Error('no province');
  const scope = { tree, units: scopeOf(tree, [{ role: 'supervisor', unitId: root.id }]) };
  const views = [replyText('vi', digestReply(await buildDigest(deps, scope, MONDAY), 'vi'))];
  for (const code of ['SNV', 'STP', 'SYT', 'SYT-BV', 'HNB']) {
    const unit = tree.byCode(code);
    if (unit) views.push(replyText('vi', await unitStatusReply(deps, scope, unit, 'vi', MONDAY)));
  }
  return views;
}

/** A digest without its review section (the block under "Duyệt báo cáo", up to the next blank line). */
function withoutReview(view: string): string {
  return view.replace(/\n\s*Duyệt báo cáo\n(?:.+\n)*/u, '\n');
}

async function indicators(env: Record<string, string>, ...extra: string[]): Promise<Array<Record<string, unknown>>> {
  const result = await runCli(['indicators', '--at', '30/11/2026', '--json', ...extra], env);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

describe('submissions import: the history before the bot', () => {
  it('should give the same indicators after export → import into a fresh database, every report accepted and marked imported', async () => {
    const dir = tempDir();
    const source = await seedHistorySource(dir);
    clients.push(source.prisma);
    const sourceEnv = { DATABASE_URL: source.url, BOT_LOCALE: 'vi' };
    const files = await exportAll(dir, sourceEnv);
    const expected = await indicators(sourceEnv);
    // The figures to reproduce are real ones, not the empty database's.
    expect(expected.find((i) => i.id === 'org_rated_good')).toMatchObject({ year: 2025, numerator: 25, denominator: 27 });
    expect(expected.find((i) => i.id === 'admission_rate')).toMatchObject({ year: 2026, numerator: 23 });
    const target = await freshTarget(dir);

    const outputs: string[] = [];
    for (const file of files) {
      const result = await runCli(['submissions', 'import', file], target.env);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      outputs.push(result.stdout);
    }
    expect(outputs[0]).toContain('Đã nhập 3 báo cáo');
    expect(outputs[0]).toContain('yearly_ratings: 2025 (3)');
    expect(outputs[1]).toContain('Đã nhập 2 báo cáo (đánh dấu nhập từ số liệu cũ, đã duyệt); 0 báo cáo đã có sẵn, giữ nguyên; bỏ qua 4 dòng chưa nộp.');

    expect(await indicators(target.env)).toEqual(expected);
    // Imported history counts as accepted, so the accepted-only figures are the same too.
    expect(await indicators(target.env, '--accepted-only')).toEqual(expected);
    // The digest and /donvi show the imported reports like the rest: filed, on time or late, at the same time.
    // Only the review counts differ: the source's reports are new, the imported history is accepted.
    const views = await chatViews(target.prisma);
    const sourceViews = await chatViews(source.prisma);
    expect(views.map(withoutReview)).toEqual(sourceViews.map(withoutReview));
    expect(sourceViews[0]).toContain('Số liệu tháng — tháng 10/2026: mới 2, đã chấp nhận 0, trả lại 0');
    expect(views[0]).toContain('Số liệu tháng — tháng 10/2026: mới 0, đã chấp nhận 2, trả lại 0');
    expect(views[1]).toContain('tháng 10/2026: đã nộp đúng hạn lúc 16:30 04/11/2026');

    const stored = await target.prisma.submission.findMany({ include: { unit: true, revisions: true }, orderBy: { id: 'asc' } });
    expect(stored).toHaveLength(HISTORY.length);
    for (const row of stored) {
      expect(row).toMatchObject({ reviewState: 'accepted', reviewedBy: 'cli', importedBy: 'cli', currentRevision: 1 });
      expect(row.revisions.map((r) => [r.revision, r.channel, r.contactId])).toEqual([[1, 'import', null]]);
      const [, , , answers, late] = HISTORY.find(([code, form, period]) => code === row.unit.code && form === row.formId && period === row.periodKey) ?? [];
      // Unanswered optional questions are not stored; the rest come back exactly, formula-like text included.
      expect(JSON.parse(row.answers)).toEqual(Object.fromEntries(Object.entries(answers ?? {}).filter(([, v]) => v !== null)));
      expect(row.late).toBe(late);
    }
    // The submission time is the exported one (the province's wall clock, to the second).
    const snvOctober = stored.find((row) => row.unit.code === 'SNV' && row.periodKey === '2026-10');
    expect(snvOctober?.submittedAt.toISOString()).toBe('2026-11-04T09:30:00.000Z');
    // The listing says which reports came from the workbook; in the source, none did.
    const listed = JSON.parse((await runCli(['submissions', 'list', '--json'], target.env)).stdout) as Array<{ imported: boolean }>;
    expect(listed).toHaveLength(HISTORY.length);
    expect(listed.every((row) => row.imported)).toBe(true);
    const sourceListed = JSON.parse((await runCli(['submissions', 'list', '--json'], sourceEnv)).stdout) as Array<{ imported: boolean }>;
    expect(sourceListed.some((row) => row.imported)).toBe(false);

    const audit = await target.prisma.auditLog.findMany({ where: { action: 'submissions.import' }, orderBy: { id: 'asc' } });
    expect(audit).toHaveLength(EXPORTS.length);
    expect(audit[0]).toMatchObject({ actor: 'cli', entity: 'Submission' });
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toEqual({ file: 'yearly_ratings-2025.xlsx', imported: 3, unchanged: 0, forms: { yearly_ratings: ['2025'] } });

    // The same file again changes nothing, and says so.
    const again = await runCli(['submissions', 'import', files[1] ?? ''], target.env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Không có gì mới để nhập: 2 báo cáo trong tệp đã có sẵn với cùng câu trả lời');
    expect(await target.prisma.submission.count()).toBe(HISTORY.length);
    expect(await target.prisma.submissionRevision.count()).toBe(HISTORY.length);
    expect(await target.prisma.auditLog.count({ where: { action: 'submissions.import' } })).toBe(EXPORTS.length);
  }, 180_000);

  it('should check everything and write nothing on --dry-run, with the same summary as the real import', async () => {
    const dir = tempDir();
    const source = await seedHistorySource(dir);
    clients.push(source.prisma);
    const [yearly] = await exportAll(dir, { DATABASE_URL: source.url, BOT_LOCALE: 'en' }, EXPORTS.slice(0, 1));
    const target = await freshTarget(dir);
    const dry = await runCli(['submissions', 'import', yearly ?? '', '--dry-run', '--json'], target.env);
    expect(dry.stderr).toBe('');
    const summary = JSON.parse(dry.stdout);
    expect(summary).toMatchObject({ ok: true, dryRun: true, imported: 3, unchanged: 0, byForm: { yearly_ratings: { '2025': 3 } } });
    expect(await target.prisma.submission.count()).toBe(0);
    expect(await target.prisma.auditLog.count({ where: { action: 'submissions.import' } })).toBe(0);
    // A workbook exported in English reads the same in a Vietnamese command line.
    const real = await runCli(['submissions', 'import', yearly ?? '', '--json'], target.env);
    expect(JSON.parse(real.stdout)).toEqual({ ...summary, dryRun: false });
    expect(await target.prisma.submission.count()).toBe(3);
  }, 120_000);
});
