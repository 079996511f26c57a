import { afterEach, describe, expect, it } from 'vitest';
import { SchedulerRunner } from '../../src/scheduler/scheduler-runner.ts';
import { plannerSettings } from '../../src/scheduler/planner-settings.ts';
import type { PrismaClient } from '../../src/storage/database.ts';
import { readFormFolder } from '../../src/storage/form-files.ts';
import { syncForms } from '../../src/storage/repositories/form-repository.ts';
import { JobRunRepository } from '../../src/storage/repositories/job-run-repository.ts';
import { RecipientRepository } from '../../src/storage/repositories/recipient-repository.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { memoryLogger, openTestDatabase, seedProvince, testConfig } from './scheduling-fixtures.ts';

const tempDir = useTempDirs();
const hanoi = (local: string) => new Date(`${local}+07:00`);
let prisma: PrismaClient | undefined;
afterEach(async () => {
  await prisma?.$disconnect();
  prisma = undefined;
});

/**
 * The monthly form's November period: opens 1/12 08:00, reminders at 17:00 on 3/12 (d-2), 4/12 (d-1)
 * and 5/12 (d0). The bot ran the opening, then was stopped before the d-2 reminder.
 */
async function stoppedBeforeTheReminder(env: Record<string, string>) {
  const db = openTestDatabase(tempDir());
  prisma = db.prisma;
  await seedProvince(prisma, [
    { name: 'Reporter STP', telegram: 1001, roles: [{ unit: 'STP', role: 'reporter' }] },
    { name: 'Reporter SYT', telegram: 1002, roles: [{ unit: 'SYT', role: 'reporter' }] },
  ]);
  const catalog = await syncForms(prisma, readFormFolder());
  const monthly = catalog.current().filter((form) => form.id === 'monthly_figures');
  const config = testConfig({ DIGEST_SCHEDULE: '0 8 1 1 *', ...env });
  const { logger, lines } = memoryLogger();
  const runner = () =>
    new SchedulerRunner({
      forms: () => monthly,
      settings: plannerSettings(config),
      catchUpHours: config.CATCH_UP_HOURS,
      store: new JobRunRepository(prisma!),
      recipients: new RecipientRepository(prisma!),
      composer: { compose: () => Promise.reject(new Error('no digest in this test')) } as never,
      logger,
    });
  const before = runner();
  const opened = await before.tick(hanoi('2026-12-01T08:00:30'));
  expect(opened.map((report) => report.key)).toEqual(['open:monthly_figures:2026-11:open']);
  return { runner, lines, reminders: () => prisma!.outboxMessage.count({ where: { kind: 'reminder' } }), runs: () => prisma!.jobRun.findMany({ where: { job: 'reminder' } }) };
}

describe('caught-up waves honour quiet hours', () => {
  it('holds a reminder missed in the evening until 07:00, records nothing meanwhile, then sends it', async () => {
    const { runner, reminders, runs, lines } = await stoppedBeforeTheReminder({ QUIET_HOURS: '21:00-07:00' });
    const restarted = runner();
    expect(await restarted.catchUp(hanoi('2026-12-03T22:30:00'))).toEqual([]);
    expect(await reminders()).toBe(0);
    expect(await runs()).toEqual([]);
    expect(lines.join('')).toContain('quiet hours');
    expect(await restarted.tick(hanoi('2026-12-04T03:00:00'))).toEqual([]);
    expect(await restarted.tick(hanoi('2026-12-04T06:59:00'))).toEqual([]);
    const morning = await restarted.tick(hanoi('2026-12-04T07:00:00'));
    expect(morning.map((report) => [report.key, report.status, report.messages])).toEqual([['reminder:monthly_figures:2026-11:d-2', 'done', 2]]);
    expect(await reminders()).toBe(2);
    expect(await restarted.tick(hanoi('2026-12-04T07:01:00'))).toEqual([]);
  });

  it('still sends it at 07:00 when the wait made it older than CATCH_UP_HOURS', async () => {
    const { runner, reminders } = await stoppedBeforeTheReminder({ QUIET_HOURS: '21:00-07:00', CATCH_UP_HOURS: '6' });
    const restarted = runner();
    expect(await restarted.catchUp(hanoi('2026-12-03T22:30:00'))).toEqual([]);
    const morning = await restarted.tick(hanoi('2026-12-04T07:00:00'));
    expect(morning.map((report) => report.key)).toEqual(['reminder:monthly_figures:2026-11:d-2']);
    expect(await reminders()).toBe(2);
  });

  it('holds a caught-up wave through a quiet weekend until Monday 07:00', async () => {
    // Stopped on Friday 4/12 before the d-1 reminder at 17:00; started again on Saturday morning.
    const { runner, reminders } = await stoppedBeforeTheReminder({ QUIET_HOURS: '21:00-07:00', QUIET_WEEKENDS: 'true' });
    const restarted = runner();
    await restarted.tick(hanoi('2026-12-03T17:00:30'));
    expect(await reminders()).toBe(2);
    expect(await restarted.catchUp(hanoi('2026-12-05T10:00:00'))).toEqual([]);
    expect(await restarted.tick(hanoi('2026-12-06T12:00:00'))).toEqual([]);
    expect(await reminders()).toBe(2);
    const monday = await restarted.tick(hanoi('2026-12-07T07:00:00'));
    expect(monday.map((report) => report.key)).toContain('reminder:monthly_figures:2026-11:d-1');
  });

  it('runs a missed wave at once when start-up is in allowed hours', async () => {
    const { runner, reminders } = await stoppedBeforeTheReminder({ QUIET_HOURS: '21:00-07:00' });
    const reports = await runner().catchUp(hanoi('2026-12-03T19:00:00'));
    expect(reports.map((report) => report.key)).toEqual(['reminder:monthly_figures:2026-11:d-2']);
    expect(await reminders()).toBe(2);
  });
});
