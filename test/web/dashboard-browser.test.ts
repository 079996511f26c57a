// The dashboard in a real browser (Debian's Chromium, driven by playwright-core) over real HTTP: sign-in
// by link, every page with the figures the app computes for the seeded province, scope refusals,
// expired and reused links, sign-out and revocation. Skipped, saying so, only where Chromium is absent.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest, loadIndicatorInputs, loadScope } from '../../src/app/digest/digest-builder.ts';
import { indicatorTrend } from '../../src/domain/digest/index.ts';
import { formatPercent } from '../../src/i18n/format.ts';
import { MONDAY, reportDeps, shippedForms, TZ } from '../app/digest/digest-fixtures.ts';
import { CHROMIUM, hasChromium, launchChromium } from '../support/chromium.ts';
import { startDashboard, type DashboardHarness } from './dashboard-harness.ts';

if (!hasChromium) process.stderr.write(`dashboard browser tests skipped: ${CHROMIUM} is not installed (apt-get install chromium)\n`);

describe.skipIf(!hasChromium)('the dashboard in a browser', () => {
  let harness: DashboardHarness;
  let browser: Browser;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [harness, browser] = await Promise.all([startDashboard(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  async function signedIn(contactId: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
    const response = await page.goto(await harness.link(contactId));
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/bang-dieu-khien/');
    return { context, page };
  }

  const deps = () => reportDeps(harness.prisma);
  const scopeOf = (unitId: number) => loadScope(deps().source, [{ role: 'supervisor', unitId }]);

  it('should sign in by link and show the province overview with the digest figures and charts, under a strict CSP', async () => {
    harness.setNow(MONDAY);
    const { context, page } = await signedIn(harness.contacts.province);
    const data = await buildDigest(deps(), await scopeOf(1), MONDAY);
    await expect(page.locator('h1').textContent()).resolves.toBe('Uỷ ban nhân dân tỉnh');
    for (const { form, periods } of data.completeness) {
      for (const period of periods) {
        const row = page.locator(`tr[data-form="${form.id}"][data-period="${period.window.key}"]`);
        await expect(row.locator('[data-count="on_time"]').textContent()).resolves.toBe(String(period.onTime.length));
        await expect(row.locator('[data-count="late"]').textContent()).resolves.toBe(String(period.late.length));
        await expect(row.locator('[data-count="missing"]').textContent()).resolves.toBe(String(period.missing.length));
        await expect(row.locator('[data-count="expected"]').textContent()).resolves.toBe(String(period.expected));
      }
    }
    // Hand-checked anchors: the 2025 ratings of organisations, (2+10 + 1+3 + 3+6) / (13+5+9) = 25/27.
    await expect(page.locator('[data-indicator-value="org_rated_good"]').textContent()).resolves.toBe(formatPercent('vi', 25 / 27));
    for (const summary of data.indicators) {
      if (summary.latest.value === null) continue;
      await expect(page.locator(`[data-indicator-value="${summary.def.id}"]`).textContent()).resolves.toBe(formatPercent('vi', summary.latest.value));
      if (summary.latest.pace) await expect(page.locator(`[data-pace="${summary.def.id}"]`).count()).resolves.toBe(1);
    }
    await expect(page.locator('svg.trend-chart').count()).resolves.toBe(data.indicators.length);
    const headers = (await page.request.get(page.url())).headers();
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    expect(await page.locator('script').count()).toBe(0);
    const styled = await page.evaluate<string>("getComputedStyle(document.querySelector('header.top')).backgroundColor");
    expect(styled).toBe('rgb(26, 79, 160)'); // the stylesheet loaded under the policy
    expect(consoleErrors.join('\n')).toBe('');
    await context.close();
  });

  it('should filter the unit tree by missing, late and below target exactly as the digest counts them', async () => {
    const { context, page } = await signedIn(harness.contacts.province);
    const data = await buildDigest(deps(), await scopeOf(1), MONDAY);
    const codes = async () => (await page.locator('tr[data-unit]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-unit')))).sort();
    const missing = new Set<string>();
    const late = new Set<string>();
    for (const { periods } of data.completeness) for (const period of periods) {
      if (period.overdue) for (const unit of period.missing) missing.add(unit.code);
      for (const unit of period.late) late.add(unit.code);
    }
    const below = new Set(data.indicators.flatMap((summary) => summary.belowTarget.map((row) => row.unitCode)));
    await page.goto(`${harness.baseUrl}/bang-dieu-khien/don-vi`);
    expect(await codes()).toEqual(['HNB', 'SNV', 'STP', 'SYT', 'SYT-BV', 'SYT-CDC', 'UBND']); // the inactive OLD is left out
    await page.click('a.filter[href$="loc=missing"]');
    expect(await codes()).toEqual([...missing].sort());
    await page.click('a.filter[href$="loc=late"]');
    expect(await codes()).toEqual([...late].sort());
    expect(late.has('STP') && late.has('SYT')).toBe(true);
    await page.click('a.filter[href$="loc=below"]');
    expect(await codes()).toEqual([...below].sort());
    expect(below.size).toBeGreaterThan(0);
    await context.close();
  });

  it("should show a unit's reports and its own figures over time, and a report's answers and revisions", async () => {
    const { context, page } = await signedIn(harness.contacts.province);
    await page.goto(`${harness.baseUrl}/bang-dieu-khien/don-vi/2`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Sở Nội vụ');
    const reports = await harness.prisma.submission.count({ where: { unitId: 2 } });
    await expect(page.locator('tr[data-report]').count()).resolves.toBe(reports);
    const forms = shippedForms();
    const unit = (await scopeOf(1)).units.find((u) => u.id === 2);
    const inputs = await loadIndicatorInputs(deps(), { tree: (await scopeOf(1)).tree, units: [unit!] }, MONDAY, false);
    const def = forms.flatMap((f) => f.indicators).find((d) => d.id === 'admission_rate')!;
    const trend = indicatorTrend(def, inputs, { at: MONDAY, tz: TZ, forms });
    // Admissions so far: 10 in September, 20 in October, over 1,340 members at 31/12/2025.
    expect(trend.points.map((p) => p.periodKey).slice(-2)).toEqual(['2026-09', '2026-10']);
    expect(trend.points.at(-1)?.value).toBeCloseTo(30 / 1340, 10);
    for (const point of trend.points) {
      const cells = page.locator(`tr[data-point="admission_rate|${point.periodKey}"] td`);
      await expect(cells.nth(1).textContent()).resolves.toBe(point.value === null ? '—' : formatPercent('vi', point.value));
    }
    await page.click(`tr[data-report="${harness.revisedReportId}"] a`);
    expect(new URL(page.url()).pathname).toBe(`/bang-dieu-khien/bao-cao/${harness.revisedReportId}`);
    await expect(page.locator('tr[data-question="admitted"] td').first().textContent()).resolves.toBe('20');
    await expect(page.locator('[data-current-revision]').getAttribute('data-current-revision')).resolves.toBe('2');
    await expect(page.locator('details[data-revision]').count()).resolves.toBe(2);
    await expect(page.locator('details[data-revision="1"] tr[data-question="admitted"] td').textContent()).resolves.toBe('18');
    await expect(page.locator('.review p').textContent()).resolves.toMatch(/Trạng thái duyệt: (mới|đã chấp nhận|bị trả lại)/);
    await context.close();
  });

  it('should answer 404 for a unit or report outside the scope, whatever the URL says', async () => {
    const { context, page } = await signedIn(harness.contacts.syt);
    await expect(page.locator('[data-count="expected"]').first().textContent()).resolves.toBe('3'); // SYT and its two units
    expect((await page.goto(`${harness.baseUrl}/bang-dieu-khien/don-vi/5`))?.status()).toBe(200);
    expect((await page.goto(`${harness.baseUrl}/bang-dieu-khien/don-vi/2`))?.status()).toBe(404);
    await expect(page.locator('main p').textContent()).resolves.toContain('ngoài phạm vi');
    expect((await page.goto(`${harness.baseUrl}/bang-dieu-khien/don-vi/1`))?.status()).toBe(404);
    expect((await page.goto(`${harness.baseUrl}/bang-dieu-khien/bao-cao/${harness.revisedReportId}`))?.status()).toBe(404);
    expect((await page.goto(`${harness.baseUrl}/bang-dieu-khien/don-vi/abc`))?.status()).toBe(404);
    const exported = await page.request.get(`${harness.baseUrl}/bang-dieu-khien/tai-ve/xuat.xlsx?bieu-mau=monthly_figures&ky=2026-10`);
    expect(exported.status()).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await exported.body()) as unknown as ArrayBuffer);
    const codes = book.worksheets.flatMap((sheet) => sheet.getColumn(1).values.slice(2).map(String)).sort();
    expect(codes).toEqual(['SYT', 'SYT-BV', 'SYT-CDC']); // only the scope's units, none of them filed
    const bad = await page.request.get(`${harness.baseUrl}/bang-dieu-khien/tai-ve/xuat.xlsx?bieu-mau=monthly_figures&ky=2026`);
    expect(bad.status()).toBe(400);
    const digest = await page.request.get(`${harness.baseUrl}/bang-dieu-khien/tai-ve/tong-hop.xlsx`);
    expect(digest.headers()['content-type']).toContain('spreadsheetml');
    await context.close();
  });

  it('should refuse a reused link and an expired one, and end a session when it expires', async () => {
    harness.setNow(MONDAY);
    const context = await browser.newContext();
    const page = await context.newPage();
    const link = await harness.link(harness.contacts.province);
    expect((await page.goto(link))?.status()).toBe(200);
    const other = await browser.newContext();
    const second = await other.newPage();
    expect((await second.goto(link))?.status()).toBe(410);
    await expect(second.locator('main p').textContent()).resolves.toContain('đã được dùng');
    const late = await harness.link(harness.contacts.province);
    harness.setNow(new Date(MONDAY.getTime() + 10 * 60_000 + 1));
    expect((await second.goto(late))?.status()).toBe(410);
    await expect(second.locator('main p').textContent()).resolves.toContain('hết hạn');
    expect((await page.goto(`${harness.baseUrl}/bang-dieu-khien/`))?.status()).toBe(200); // the first session lives on
    harness.setNow(new Date(MONDAY.getTime() + 12 * 3_600_000 + 1));
    expect((await page.goto(`${harness.baseUrl}/bang-dieu-khien/`))?.status()).toBe(401);
    harness.setNow(MONDAY);
    const refused = await harness.prisma.auditLog.findMany({ where: { action: 'dashboard.sign_in_refused' } });
    expect(refused.map((row) => JSON.parse(row.detail ?? '{}').reason).sort()).toEqual(['expired', 'used']);
    await context.close();
    await other.close();
  });

  it('should sign out with the button, and lose a session revoked by an operator', async () => {
    harness.setNow(MONDAY);
    const { context, page } = await signedIn(harness.contacts.province);
    const cookie = (await context.cookies()).find((c) => c.name === 'bdk_phien');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/bang-dieu-khien' });
    await page.click('form.signout button');
    expect(new URL(page.url()).pathname).toBe('/bang-dieu-khien/da-dang-xuat');
    expect((await page.goto(`${harness.baseUrl}/bang-dieu-khien/`))?.status()).toBe(401);
    await expect(page.locator('main p').textContent()).resolves.toContain('/bangdieukhien');

    const again = await signedIn(harness.contacts.province);
    expect(await harness.auth.revoke({ contactId: harness.contacts.province }, 'cli')).toBeGreaterThanOrEqual(1);
    expect((await again.page.goto(`${harness.baseUrl}/bang-dieu-khien/don-vi`))?.status()).toBe(401);
    const actions = (await harness.prisma.auditLog.findMany({ where: { action: { startsWith: 'dashboard.' } } })).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['dashboard.sign_in', 'dashboard.sign_out', 'dashboard.sessions_revoke']));
    await context.close();
    await again.context.close();
  });

  it('should redirect /dashboard/ to /bang-dieu-khien/ and ask an anonymous visitor to sign in through chat', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${harness.baseUrl}/dashboard/don-vi?loc=late`);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/bang-dieu-khien/don-vi?loc=late');
    expect(response?.status()).toBe(401);
    await context.close();
  });
});
