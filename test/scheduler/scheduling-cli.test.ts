import { describe, expect, it } from 'vitest';
import { readFormFolder } from '../../src/storage/form-files.ts';
import { syncForms } from '../../src/storage/repositories/form-repository.ts';
import { fakedClockEnv, fakeTimeLibrary } from '../support/faked-clock.ts';
import { runCli, spawnCli } from '../support/run-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { openTestDatabase, seedProvince, submit } from './scheduling-fixtures.ts';

const tempDir = useTempDirs();

async function province() {
  const { prisma, path } = openTestDatabase(tempDir());
  await syncForms(prisma, readFormFolder());
  const ids = await seedProvince(prisma, [
    { name: 'Reporter STP', telegram: 1001, roles: [{ unit: 'STP', role: 'reporter' }] },
    { name: 'Reporter SYT', telegram: 1002, roles: [{ unit: 'SYT', role: 'reporter' }] },
    { name: 'Reporter BVDK', zalo: 'z-1003', roles: [{ unit: 'BVDK', role: 'reporter' }] },
    { name: 'Console only', console: true, roles: [{ unit: 'BVDK', role: 'reporter' }] },
  ]);
  await submit(prisma, ids.units.get('STP') ?? 0, 'monthly_figures', '2026-10', new Date('2026-11-04T03:00:00Z'));
  return { prisma, env: { DATABASE_URL: `file:${path}` } };
}

/** While October 2026's monthly report is open (it opens 1/11 08:00 and closes 15/11 17:00). */
const OCTOBER_OPEN = new Date('2026-11-04T03:00:00Z');

describe('scheduling commands', () => {
  it.skipIf(!fakeTimeLibrary)('should send a reminder wave now to the units that have not submitted, repeatably, and audit it', async () => {
    const { prisma, env: plain } = await province();
    const env = { ...plain, ...fakedClockEnv(OCTOBER_OPEN) };
    // A faked wall clock needs a process of its own (LD_PRELOAD): these two run the compiled command line.
    const first = spawnCli(['reminders', 'send', '--form', 'monthly_figures', '--period', '2026-10', '--json'], env);
    expect(first.stderr).toBe('');
    const summary = JSON.parse(first.stdout) as { key: string; messages: number; units: number; unreachable: number };
    expect(summary).toMatchObject({ status: 'done', period: '2026-10', messages: 2, units: 2, unreachable: 1 });
    const rows = await prisma.outboxMessage.findMany({ orderBy: { chatId: 'asc' } });
    expect(rows.map((r) => [r.channel, r.chatId, r.kind])).toEqual([
      ['telegram', '1002', 'reminder'],
      ['zalo', 'z-1003', 'reminder'],
    ]);
    // Asked again a minute later (each faked process starts its clock at the same instant, so the same one would be the same wave).
    const later = { ...plain, ...fakedClockEnv(new Date(OCTOBER_OPEN.getTime() + 60_000)) };
    const again = JSON.parse(spawnCli(['reminders', 'send', '--form', 'monthly_figures', '--period', '2026-10', '--json'], later).stdout) as { key: string };
    expect(again.key).not.toBe(summary.key);
    expect(await prisma.outboxMessage.count()).toBe(4);
    const audit = await prisma.auditLog.findMany({ where: { action: 'reminders.send' } });
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ period: '2026-10', messages: 2 });
    await prisma.$disconnect();
  }, 60_000);

  it('should refuse an unknown form and a period of the wrong kind, in Vietnamese', async () => {
    const { prisma, env } = await province();
    const unknown = await runCli(['reminders', 'send', '--form', 'nope'], env);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain('nope');
    const wrong = await runCli(['reminders', 'send', '--form', 'monthly_figures', '--period', '2026-W48'], env);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain('2026-W48');
    await prisma.$disconnect();
  }, 60_000);

  it.each([
    ['2020-10', 'đã đóng', '1/11/2020'],
    ['2035-10', 'chưa mở', '1/11/2035'],
  ])('should refuse a reminder for %s, a period that is not open, naming its window, and queue nothing', async (period, state, opens) => {
    const { prisma, env } = await province();
    const refused = await runCli(['reminders', 'send', '--form', 'monthly_figures', '--period', period, '--json'], env);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`Kỳ ${period} của biểu mẫu monthly_figures ${state}`);
    expect(refused.stderr).toContain(opens);
    expect(refused.stderr).not.toContain('không mong muốn');
    expect(await prisma.outboxMessage.count()).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: 'reminders.send' } })).toBe(0);
    await prisma.$disconnect();
  }, 60_000);

  it.skipIf(!fakeTimeLibrary)('should show outbox counts with the last dead letters, and the last and next run of every job', async () => {
    const { prisma, env } = await province();
    spawnCli(['reminders', 'send', '--form', 'monthly_figures', '--period', '2026-10'], { ...env, ...fakedClockEnv(OCTOBER_OPEN) });
    const dead = await prisma.outboxMessage.findFirstOrThrow();
    await prisma.outboxMessage.update({ where: { id: dead.id }, data: { status: 'dead', lastError: 'unreachable: blocked' } });
    const status = JSON.parse((await runCli(['outbox', 'status', '--json'], env)).stdout) as { counts: Record<string, number>; dead: Array<{ reason: string }> };
    expect(status.counts).toEqual({ pending: 1, sending: 0, sent: 0, failed: 0, dead: 1 });
    expect(status.dead.map((d) => d.reason)).toEqual(['unreachable: blocked']);
    const human = await runCli(['outbox', 'status'], env);
    expect(human.stdout).toContain('1 chờ gửi');
    expect(human.stdout).toContain('unreachable: blocked');
    const jobs = JSON.parse((await runCli(['jobs', 'list', '--json'], env)).stdout) as Array<{ job: string; formId: string | null; last: unknown; next: { sendAt: string } | null }>;
    expect(jobs.map((j) => `${j.job}:${j.formId ?? '-'}`)).toEqual([
      ...['monthly_figures', 'weekly_status', 'yearly_ratings'].flatMap((form) => ['open', 'reminder', 'escalation'].map((job) => `${job}:${form}`)),
      'digest:-',
    ]);
    expect(jobs.find((j) => j.job === 'reminder' && j.formId === 'monthly_figures')?.last).toMatchObject({ status: 'done' });
    expect(jobs.every((j) => j.next !== null && new Date(j.next.sendAt).getTime() > Date.now())).toBe(true);
    expect((await runCli(['jobs', 'list'], env)).stdout).toContain('Bản tổng hợp hằng tuần');
    await prisma.$disconnect();
  }, 60_000);
});
