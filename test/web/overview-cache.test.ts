// The dashboard's overview is computed once per scope, data version and minute: a reload shares the
// figures, and a report filed from anywhere (here straight into the database, as another worker or
// the command line would) shows on the next view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigest, loadScope, type Scope } from '../../src/app/digest/digest-builder.ts';
import type { Overview } from '../../src/web/dashboard/dashboard-figures.ts';
import { OverviewCache } from '../../src/web/dashboard/overview-cache.ts';
import { MONDAY, reportDeps } from '../app/digest/digest-fixtures.ts';
import { startDashboard, type DashboardHarness } from './dashboard-harness.ts';

const scopeOf = (...ids: number[]): Scope => ({ tree: undefined as never, units: ids.map((id) => ({ id, code: `U${id}`, name: `U${id}`, kind: 'agency', parentId: 1, active: true })) });

describe('the overview cache', () => {
  it('should compute once per scope, data version and minute, and again after a failure', async () => {
    let version = 'v1';
    const computed: string[] = [];
    let fail = false;
    const cache = new OverviewCache(async (scope, now) => {
      computed.push(`${scope.units.length}@${now.toISOString()}`);
      if (fail) throw new Error('database busy');
      return { data: {}, trends: [] } as unknown as Overview;
    }, async () => version);
    const province = scopeOf(1, 2, 3);
    const first = await cache.get(province, MONDAY);
    expect(await cache.get(province, new Date(MONDAY.getTime() + 30_000))).toBe(first);
    await cache.get(scopeOf(2), MONDAY);
    expect(computed).toHaveLength(2);
    version = 'v2';
    expect(await cache.get(province, MONDAY)).not.toBe(first);
    await cache.get(province, new Date(MONDAY.getTime() + 60_000));
    expect(computed).toHaveLength(4);
    fail = true;
    await expect(cache.get(province, new Date(MONDAY.getTime() + 120_000))).rejects.toThrow('database busy');
    fail = false;
    await cache.get(province, new Date(MONDAY.getTime() + 120_000));
    expect(computed).toHaveLength(6);
  });

  it('should compute every time where storage cannot tell its data version', async () => {
    let calls = 0;
    const cache = new OverviewCache(async () => ({ data: { calls: ++calls }, trends: [] }) as unknown as Overview, undefined);
    await cache.get(scopeOf(1), MONDAY);
    await cache.get(scopeOf(1), MONDAY);
    expect(calls).toBe(2);
  });
});

describe('the overview page after a report is filed elsewhere', () => {
  let harness: DashboardHarness;
  beforeAll(async () => {
    harness = await startDashboard();
  });
  afterAll(async () => harness?.close());

  async function overviewHtml(cookie: string): Promise<string> {
    const response = await fetch(`${harness.baseUrl}/bang-dieu-khien/`, { headers: { cookie } });
    expect(response.status).toBe(200);
    return response.text();
  }

  const count = (html: string, formId: string, periodKey: string, kind: string): number => {
    const row = new RegExp(`<tr data-form="${formId}" data-period="${periodKey}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
    return Number(new RegExp(`data-count="${kind}">(?:<a [^>]*>)?([\\d.]+)`).exec(row)?.[1]?.replace('.', '') ?? NaN);
  };

  it('should show the new report on the next view, and the same figures on a reload before it', async () => {
    harness.setNow(MONDAY);
    const signIn = await fetch(await harness.link(harness.contacts.province), { redirect: 'manual' });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/=/);
    const deps = reportDeps(harness.prisma);
    const data = await buildDigest(deps, await loadScope(deps.source, [{ role: 'supervisor', unitId: 1 }]), MONDAY);
    const weekly = data.completeness.find(({ form }) => form.id === 'weekly_status');
    const period = weekly?.periods.find((candidate) => candidate.missing.length > 0);
    const missingUnit = period?.missing[0];
    if (!period || !missingUnit) throw new Error('the fixture has a weekly period with a missing unit');
    const key = period.window.key;

    const before = await overviewHtml(cookie);
    expect(count(before, 'weekly_status', key, 'missing')).toBe(period.missing.length);
    expect(await overviewHtml(cookie)).toBe(before);

    await harness.prisma.submission.create({
      data: { unitId: missingUnit.id, formId: 'weekly_status', periodKey: key, currentRevision: 1, formVersion: 1, answers: '{}', firstSubmittedAt: MONDAY, submittedAt: MONDAY, late: true },
    });
    const after = await overviewHtml(cookie);
    expect(count(after, 'weekly_status', key, 'missing')).toBe(period.missing.length - 1);
    expect(count(after, 'weekly_status', key, 'late')).toBe(period.late.length + 1);
  });
});
