// The bot, built as the program builds it (no channels, no scheduler), with the dashboard on its HTTP
// server over the small digest province (a real SQLite file), an injected clock, and a way to issue
// sign-in links as the chat command and the command line do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DashboardAuth } from '../../src/app/dashboard-auth.ts';
import { parseConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createBot } from '../../src/main/create-bot.ts';
import type { PrismaClient } from '../../src/storage/database.ts';
import type { ReportDataRepository } from '../../src/storage/repositories/report-data-repository.ts';
import { dashboardAuth } from '../../src/web/dashboard/wire-dashboard.ts';
import { MONDAY, seedDigestDatabase, TZ } from '../app/digest/digest-fixtures.ts';
import { freePort } from '../support/bot-process-log.ts';

/** The monthly report of Sở Nội vụ for 2026-10 is given two revisions: 18 admitted, then corrected to 20. */
export const REVISED = { unitId: 2, formId: 'monthly_figures', periodKey: '2026-10' } as const;

export interface DashboardHarness {
  baseUrl: string;
  prisma: PrismaClient;
  source: ReportDataRepository;
  contacts: Record<'province' | 'syt' | 'stp', number>;
  /** Moves the injected clock. */
  setNow(at: Date): void;
  now(): Date;
  auth: DashboardAuth;
  /** A fresh single-use link for a contact. */
  link(contactId: number): Promise<string>;
  revisedReportId: number;
  close(): Promise<void>;
}

/** Starts the server on a free loopback port. */
export async function startDashboard(): Promise<DashboardHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'baocao-dashboard-'));
  const { prisma, path, contacts } = await seedDigestDatabase(dir);
  const revised = await prisma.submission.findUniqueOrThrow({ where: { unitId_formId_periodKey: REVISED } });
  const answers = JSON.parse(revised.answers) as Record<string, unknown>;
  await prisma.submissionRevision.createMany({
    data: [
      { submissionId: revised.id, revision: 1, formVersion: 1, answers: JSON.stringify({ ...answers, admitted: 18 }), submittedAt: new Date('2026-11-03T02:00:00Z'), late: false, contactId: contacts.province, channel: 'telegram' },
      { submissionId: revised.id, revision: 2, formVersion: 1, answers: revised.answers, submittedAt: new Date('2026-11-04T02:00:00Z'), late: false, contactId: contacts.province, channel: 'zalo' },
    ],
  });
  await prisma.submission.update({ where: { id: revised.id }, data: { currentRevision: 2 } });
  let now = MONDAY;
  const clock = { now: () => now };
  const logger = createLogger({ level: 'silent', pretty: false, secrets: [] });
  const config = parseConfig({ DATABASE_URL: `file:${path}`, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(await freePort()), BOT_TIMEZONE: TZ, BOT_LOCALE: 'vi' });
  const bot = await createBot(config, logger, { prisma, clock, scheduling: false });
  const address = await bot.start();
  const source = bot.core.reportData;
  const auth = dashboardAuth(prisma, config, clock);
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    prisma,
    source,
    contacts,
    setNow: (at) => { now = at; },
    now: () => now,
    auth,
    link: async (contactId) => (await auth.issueLink(contactId, 'test')).url,
    revisedReportId: revised.id,
    close: async () => {
      await bot.stop();
      source.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
