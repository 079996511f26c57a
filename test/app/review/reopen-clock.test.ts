/**
 * A period reopened for one unit, on a faked clock: `/baocao` offers it to that unit's reporter until
 * the last day given and not after, and the reminder waves, which chase only open periods, never
 * chase the reopened one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseUntilDate, reopenPeriod } from '../../../src/app/review/reopen-service.ts';
import { ReopeningRepository } from '../../../src/storage/repositories/reopening-repository.ts';
import { ReportDataRepository } from '../../../src/storage/repositories/report-data-repository.ts';
import { ReviewRepository } from '../../../src/storage/repositories/review-repository.ts';
import { join } from '../queries/query-bot.ts';
import { TelegramBotHarness } from '../../support/telegram-bot-harness.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
const TZ = 'Asia/Ho_Chi_Minh';
const DECEMBER_3 = new Date('2026-12-03T03:00:00Z'); // Thursday 10:00 in Hanoi
const CLOSED_WEEK = '2026-W45'; // closed weeks ago

let bot: TelegramBotHarness | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('a reopened period on a faked clock', () => {
  it('should be offered by /baocao until its last day and not after, and never be chased by reminders', { timeout: 90_000 }, async () => {
    bot = await TelegramBotHarness.start(tempDir(), { now: DECEMBER_3 });
    await join(bot, 7201, 'STP', 'reporter');
    expect(await bot.say(7201, '/baocao')).not.toContain('tuần 45/2026');

    const deps = { reopenings: new ReopeningRepository(bot.prisma), store: new ReviewRepository(bot.prisma), source: new ReportDataRepository(bot.prisma), forms: bot.core.forms, timeZone: TZ };
    const until = parseUntilDate('5/12/2026', TZ);
    expect(until).toEqual(new Date('2026-12-05T17:00:00Z')); // the end of 5 December in Hanoi
    const reopened = await reopenPeriod(deps, { actor: 'cli', roles: 'all' }, { unitCode: 'STP', formId: 'weekly_status', periodKey: CLOSED_WEEK, until: until as Date }, DECEMBER_3);
    expect(reopened).toMatchObject({ ok: true, periodKey: CLOSED_WEEK });

    expect(await bot.say(7201, '/baocao')).toContain('tuần 45/2026');
    bot.now = new Date('2026-12-05T16:30:00Z'); // 23:30 on the last day
    expect(await bot.say(7201, '/baocao')).toContain('tuần 45/2026');
    bot.now = new Date('2026-12-05T17:30:00Z'); // 00:30 the day after
    expect(await bot.say(7201, '/baocao')).not.toContain('tuần 45/2026');

    // The scheduler over the reopened days: reminder waves run for the open periods, none for the reopened one.
    const runner = bot.bot.scheduling.runner;
    for (const at of ['2026-12-03T03:00:00Z', '2026-12-04T03:00:00Z', '2026-12-05T03:00:00Z']) await runner.tick(new Date(at));
    const runs = await bot.prisma.jobRun.findMany({ where: { formId: 'weekly_status' } });
    expect(runs.some((run) => run.job === 'reminder')).toBe(true);
    expect(runs.filter((run) => run.periodKey === CLOSED_WEEK)).toEqual([]);
    const reminders = await bot.prisma.outboxMessage.findMany({ where: { kind: 'reminder' } });
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.filter((message) => /"week":"?45\b|2026-W45/.test(message.payload))).toEqual([]);
  });
});
