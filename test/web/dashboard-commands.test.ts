// The ways to a sign-in link: `/bangdieukhien` (`/dashboard`) in chat through the Telegram emulator, and
// `dashboard link` / `sessions list|revoke` on the command line, each over a real SQLite file.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import type { TelegramBotHarness } from '../support/telegram-bot-harness.ts';
import { join as joinBot, startQueryBot } from '../app/queries/query-bot.ts';
import { audit, demoCli, json } from '../cli/admin-cli-support.ts';

const tempDir = useTempDirs();
const NOW = new Date('2026-11-30T01:00:00Z');
const LINK = /http:\/\/127\.0\.0\.1:\d+\/bang-dieu-khien\/vao\/[A-Za-z0-9_-]{43}/;

describe('/bangdieukhien in chat', () => {
  let bot: TelegramBotHarness | undefined;
  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  it('should give a supervisor a single-use link, in either name, and refuse a reporter politely', async () => {
    bot = await startQueryBot(tempDir(), NOW);
    await joinBot(bot, 7001, 'UBND', 'supervisor');
    await joinBot(bot, 7002, 'STP', 'reporter');
    const reply = await bot.say(7001, '/bangdieukhien');
    expect(reply).toMatch(LINK);
    expect(reply).toContain('dùng một lần');
    expect(await bot.say(7001, '/dashboard')).toMatch(LINK);
    const links = await bot.prisma.dashboardLink.findMany();
    expect(links).toHaveLength(2);
    // Only the hash is stored: the token in the message is not in the database.
    const token = (LINK.exec(reply)?.[0] ?? '').split('/').pop() as string;
    expect(JSON.stringify(links)).not.toContain(token);
    expect(links[0]?.expiresAt.getTime()).toBe(NOW.getTime() + 10 * 60_000);
    const refused = await bot.say(7002, '/bangdieukhien');
    expect(refused).toContain('dành cho cán bộ theo dõi');
    expect(refused).not.toMatch(LINK);
    expect(await bot.prisma.dashboardLink.count()).toBe(2);
  });
});

describe('dashboard and sessions on the command line', () => {
  it('should print a link for a supervisor, refuse a reporter and a bad id, and list and revoke sessions', { timeout: 120_000 }, async () => {
    const { path, cli } = await demoCli(tempDir());
    const link = json(await cli('dashboard', 'link', '--contact', '1', '--json'));
    expect(link.url).toMatch(LINK);
    expect(audit(path, 'dashboard.link_create')).toEqual([expect.objectContaining({ actor: 'cli', entity: 'DashboardLink' })]);
    const reporter = await cli('dashboard', 'link', '--contact', '4');
    expect(reporter.status).not.toBe(0);
    expect(reporter.stderr).toContain('bảng điều khiển chỉ dành cho');
    expect(reporter.stdout).toBe('');
    const bad = await cli('dashboard', 'link', '--contact', 'abc', '--json');
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(json(await cli('sessions', 'list', '--json'))).toEqual([]);
    const usage = await cli('sessions', 'revoke', '--json');
    expect(usage.status).not.toBe(0);
    expect(usage.stderr).toContain('--all');
    expect(json(await cli('sessions', 'revoke', '--all', '--json'))).toEqual({ all: true, revoked: 0 });
    expect(audit(path, 'dashboard.sessions_revoke')).toHaveLength(1);
  });
});
