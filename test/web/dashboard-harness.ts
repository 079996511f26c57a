// The bot's HTTP server with the dashboard mounted over the small digest province (a real SQLite file),
// an injected clock, and a way to issue sign-in links as the chat command and the command line do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DashboardAuth } from '../../src/app/dashboard-auth.ts';
import type { FormCatalog } from '../../src/app/ports.ts';
import { HttpServer } from '../../src/http/http-server.ts';
import { createLogger } from '../../src/logging/logger.ts';
import type { PrismaClient } from '../../src/storage/database.ts';
import { ContactRepository } from '../../src/storage/repositories/contact-repository.ts';
import type { ReportDataRepository } from '../../src/storage/repositories/report-data-repository.ts';
import { dashboardAuth, mountDashboard } from '../../src/web/dashboard/wire-dashboard.ts';
import { MONDAY, reportDeps, seedDigestDatabase, shippedForms, TZ } from '../app/digest/digest-fixtures.ts';

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
  const http = new HttpServer(logger);
  const address = await http.listen('127.0.0.1', 0);
  const config = { PUBLIC_BASE_URL: undefined, HTTP_HOST: '127.0.0.1', HTTP_PORT: address.port, BOT_TIMEZONE: TZ, BOT_LOCALE: 'vi' as const };
  const forms = shippedForms();
  const catalog: FormCatalog = { current: () => forms, version: (id, version) => forms.find((f) => f.id === id && f.version === version) };
  const { source } = reportDeps(prisma, path);
  mountDashboard(http, { prisma, config, contacts: new ContactRepository(prisma), reportData: source, forms: catalog, clock, logger });
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
      await http.close();
      source.close();
      await prisma.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
