import { afterEach, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../../src/storage/database.ts';
import { runCli } from '../../support/run-process.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { seedDigestDatabase } from '../digest/digest-fixtures.ts';

const tempDir = useTempDirs();
let prisma: PrismaClient | undefined;
afterEach(async () => {
  await prisma?.$disconnect();
  prisma = undefined;
});

const SLOW = { timeout: 300_000 };

async function database(dir: string) {
  const seeded = await seedDigestDatabase(dir);
  prisma = seeded.prisma;
  return { DATABASE_URL: `file:${seeded.path}`, BOT_LOCALE: 'vi' };
}

const parse = (result: { stdout: string }) => JSON.parse(result.stdout) as Array<Record<string, unknown>>;

describe('the review loop on the command line', () => {
  it('should list reports by review state, accept and return them, refuse bad requests, and count only accepted ones with --accepted-only', SLOW, async () => {
    const env = await database(tempDir());
    const db = prisma as PrismaClient;
    // Seeded reports are new; STP's (unit 3) October report is the one the check will return.
    const october = await db.submission.findFirstOrThrow({ where: { unitId: 3, formId: 'monthly_figures', periodKey: '2026-10' } });
    const listed = parse(await runCli(['submissions', 'list', '--status', 'new', '--json'], env));
    expect(listed.length).toBe(await db.submission.count());
    expect(listed.every((row) => row.review_state === 'new')).toBe(true);

    const both = await runCli(['submissions', 'review', String(october.id), '--accept', '--return', 'x'], env);
    expect(both.status).not.toBe(0);
    expect(both.stderr).toContain('--accept hoặc --return');
    const unknown = await runCli(['submissions', 'review', '99999', '--accept'], env);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('Không tìm thấy báo cáo');
    const empty = await runCli(['submissions', 'review', String(october.id), '--return', '  '], env);
    expect(empty.status).not.toBe(0);
    expect(empty.stderr).toContain('Lý do trả lại không được để trống');
    expect((await db.submission.findUniqueOrThrow({ where: { id: october.id } })).reviewState).toBe('new');

    const before = parse(await runCli(['indicators', '--at', '2026-11-30', '--json'], env));
    const returned = await runCli(['submissions', 'review', String(october.id), '--return', 'Số kết nạp chưa khớp', '--json'], env);
    expect(returned.stderr).toBe('');
    expect(JSON.parse(returned.stdout)).toMatchObject({ id: october.id, review_state: 'returned', reason: 'Số kết nạp chưa khớp' });
    expect(parse(await runCli(['submissions', 'list', '--status', 'returned', '--json'], env)).map((row) => row.id)).toEqual([october.id]);
    const audit = await db.auditLog.findMany({ where: { action: 'submission.return' } });
    expect(audit).toMatchObject([{ actor: 'cli', entityId: String(october.id) }]);

    // By default every current revision counts, whatever its state; --accepted-only leaves out what is not accepted.
    expect(parse(await runCli(['indicators', '--at', '2026-11-30', '--json'], env))).toEqual(before);
    await db.submission.updateMany({ where: { reviewState: 'new' }, data: { reviewState: 'accepted' } });
    const accepted = parse(await runCli(['indicators', '--at', '2026-11-30', '--accepted-only', '--json'], env));
    const admission = (rows: Array<Record<string, unknown>>) => rows.find((row) => String(row.id).includes('admission'));
    expect(admission(accepted)?.numerator).toBe((admission(before)?.numerator as number) - 1); // STP's 1 admission left out
  });
});
