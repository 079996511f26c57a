// A report's page over HTTP: each revision says how it came, by messenger, or from a workbook of past
// reports loaded with `submissions import` (which came through no messenger and from no chat contact).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONDAY } from '../app/digest/digest-fixtures.ts';
import { startDashboard, type DashboardHarness } from './dashboard-harness.ts';

describe('a report page', () => {
  let harness: DashboardHarness;
  beforeAll(async () => {
    harness = await startDashboard();
  });
  afterAll(async () => harness?.close());

  it('should name the messenger of each revision, and say a revision was imported from a workbook', async () => {
    harness.setNow(MONDAY);
    const signIn = await fetch(await harness.link(harness.contacts.province), { redirect: 'manual' });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = async (id: number) => {
      const response = await fetch(`${harness.baseUrl}/bang-dieu-khien/bao-cao/${id}`, { headers: { cookie } });
      expect(response.status).toBe(200);
      return response.text();
    };

    const revised = await page(harness.revisedReportId);
    expect(revised).toContain('qua Telegram');
    expect(revised).toContain('qua Zalo');

    const at = new Date('2025-10-05T02:00:00Z');
    const imported = await harness.prisma.submission.create({
      data: {
        unitId: 2, formId: 'monthly_figures', periodKey: '2025-09', currentRevision: 1, formVersion: 1, answers: '{}', firstSubmittedAt: at, submittedAt: at, late: false, reviewState: 'accepted', importedBy: 'cli',
        revisions: { create: { revision: 1, formVersion: 1, answers: '{}', submittedAt: at, late: false, channel: 'import' } },
      },
    });
    const text = await page(imported.id);
    expect(text).toContain('Lần 1 — 09:00 05/10/2025 — nhập từ tệp báo cáo cũ (dòng lệnh)');
    expect(text).not.toContain('qua import');
    expect(text).not.toContain('không rõ người nộp');
  });
});
