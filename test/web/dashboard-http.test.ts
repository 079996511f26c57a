// The dashboard over plain HTTP: a report's page says how each revision came, by messenger, or from a
// workbook of past reports loaded with `submissions import` (through no messenger, from no chat
// contact); a request announcing a large body is refused from its headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONDAY } from '../app/digest/digest-fixtures.ts';
import { RawHttpClient, requestHead } from '../support/raw-http-client.ts';
import { startDashboard, type DashboardHarness } from './dashboard-harness.ts';

describe('the dashboard over HTTP', () => {
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

  it('should refuse a request announcing a large or chunked body at once, in Vietnamese, and close the connection', async () => {
    const port = Number(new URL(harness.baseUrl).port);
    const requests: Array<Record<string, string | number>> = [{ 'content-length': 50_000_000, 'content-type': 'application/x-www-form-urlencoded' }, { 'transfer-encoding': 'chunked' }];
    for (const headers of requests) {
      const client = await RawHttpClient.connect(port);
      client.write(requestHead('POST', '/bang-dieu-khien/dang-xuat', headers));
      expect(await client.closed).toBeLessThan(2_000);
      expect(client.statuses).toEqual([413]);
      expect(Buffer.from(client.text, 'latin1').toString('utf8')).toContain('Yêu cầu quá lớn');
    }
    // An empty sign-out form is still taken (here without a session: asked to sign in).
    const empty = await fetch(`${harness.baseUrl}/bang-dieu-khien/dang-xuat`, { method: 'POST', body: '' });
    expect(empty.status).toBe(401);
  });
});
