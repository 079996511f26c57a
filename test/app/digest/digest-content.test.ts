import { afterEach, describe, expect, it } from 'vitest';
import { buildDigest, loadScope } from '../../../src/app/digest/digest-builder.ts';
import { digestReply } from '../../../src/app/digest/digest-reply.ts';
import { replyText } from '../../../src/app/digest/message-text.ts';
import type { PrismaClient } from '../../../src/storage/database.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { MONDAY, reportDeps, seedDigestDatabase } from './digest-fixtures.ts';

const tempDir = useTempDirs();
let prisma: PrismaClient | undefined;
afterEach(async () => {
  await prisma?.$disconnect();
  prisma = undefined;
});

async function digestFor(unitId: number, fast = true) {
  const seeded = await seedDigestDatabase(tempDir());
  prisma = seeded.prisma;
  const deps = reportDeps(seeded.prisma, fast ? seeded.path : undefined);
  const scope = await loadScope(deps.source, [{ role: 'supervisor', unitId }]);
  const data = await buildDigest(deps, scope, MONDAY);
  deps.source.close();
  return data;
}

const indicator = (data: Awaited<ReturnType<typeof digestFor>>, id: string) => {
  const found = data.indicators.find((s) => s.def.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('the digest over a hand-computed province', () => {
  it('should count on time, late and missing for the latest two periods of each form, without the province or closed units', async () => {
    const data = await digestFor(1);
    expect(data.reportingUnits).toBe(6);
    const rows = data.completeness.map(({ form, periods }) =>
      periods.map((p) => [form.id, p.window.key, p.onTime.map((u) => u.code), p.late.map((u) => u.code), p.missing.length, p.overdue]),
    );
    expect(rows).toEqual([
      [['weekly_status', '2026-W48', ['SNV'], ['SYT'], 4, true], ['weekly_status', '2026-W47', ['SNV'], [], 5, true]],
      [['monthly_figures', '2026-10', ['SNV'], ['STP'], 4, true], ['monthly_figures', '2026-09', ['SNV'], [], 5, true]],
      [['yearly_ratings', '2025', ['SNV', 'STP'], ['SYT-BV'], 3, true], ['yearly_ratings', '2024', ['SNV'], [], 5, true]],
    ]);
    expect(data.completeness[0]?.periods[0]?.missing.map((u) => u.code)).toEqual(['SYT-BV', 'HNB', 'STP', 'SYT-CDC']);
  });

  it('should sum numerators and denominators, compare with the previous period and list units below target', async () => {
    const data = await digestFor(1);
    // TCCSĐ 2025: (2+10) + (1+3) + (3+6) = 25 of 13 + 5 + 9 = 27; 2024 (SNV only): 11/13.
    const org = indicator(data, 'org_rated_good');
    expect(org.latest).toMatchObject({ year: 2025, numerator: 25, denominator: 27, status: 'met' });
    expect(org.previous).toMatchObject({ year: 2024, numerator: 11, denominator: 13 });
    expect(org.change).toBeCloseTo(25 / 27 - 11 / 13, 10);
    expect(org.belowTarget.map((r) => [r.unitCode, r.value])).toEqual([['STP', 0.8]]);
    // Chi bộ: 25 + 10 + 14 = 49 of 28 + 10 + 15 = 53; 2024 has no chi bộ answers, so no change.
    const cell = indicator(data, 'cell_rated_good');
    expect(cell.latest).toMatchObject({ numerator: 49, denominator: 53, status: 'met' });
    expect(cell.change).toBeNull();
    expect(cell.belowTarget.map((r) => r.unitCode)).toEqual(['SNV']);
    // Admissions 2026 so far: 20 + 10 + 1 = 31 over members on 31/12/2025 of the units that report monthly: 1340 + 100.
    const admission = indicator(data, 'admission_rate');
    expect(admission.latest).toMatchObject({ year: 2026, numerator: 31, denominator: 1440, status: 'behind' });
    expect(admission.through).toBe('2026-10');
    expect(admission.latest.pace?.expectedByNow).toBeCloseTo(0.03 * 1440 * (334 / 365), 6);
    expect(admission.previous).toMatchObject({ numerator: 10, denominator: 1340 });
    expect(admission.belowTarget.map((r) => r.unitCode)).toEqual(['STP', 'SNV']);
  });

  it('should leave out units without village heads and treat a zero denominator as no data', async () => {
    const province = await digestFor(1);
    const heads = indicator(province, 'heads_party_members');
    expect(heads.latest).toMatchObject({ numerator: 7, denominator: 8, status: 'behind', unitsCounted: ['SNV', 'SYT-BV'] });
    expect(heads.latest.unitsExcluded).toContain('STP');
    expect(heads.belowTarget.map((r) => r.unitCode)).toEqual(['SNV']);
    await prisma?.$disconnect();
    const health = await digestFor(4);
    expect(indicator(health, 'heads_party_members').latest).toMatchObject({ numerator: 0, denominator: 0, value: null, status: 'no_data' });
    expect(indicator(health, 'org_rated_good').latest).toMatchObject({ numerator: 9, denominator: 9, status: 'met' });
    expect(health.reportingUnits).toBe(3);
  });

  it('should read the same through Prisma as through the SQLite fast path', async () => {
    const fast = await digestFor(1, true);
    await prisma?.$disconnect();
    const slow = await digestFor(1, false);
    const strip = (d: typeof fast) => JSON.stringify({ c: d.completeness.map((c) => c.periods), i: d.indicators.map((s) => [s.latest, s.previous, s.belowTarget]), u: d.unreachable });
    expect(strip(slow)).toEqual(strip(fast));
  });

  it('should write the digest in Vietnamese with vi-VN numbers and dates, and name unreachable contacts', async () => {
    const data = await digestFor(1);
    const text = replyText('vi', digestReply(data, 'vi'));
    expect(text).toContain('Phạm vi: Uỷ ban nhân dân tỉnh — 6 đơn vị báo cáo — ngày 30/11/2026');
    expect(text).toContain('tuần 48/2026 (hạn 27/11/2026): đúng hạn 1, muộn 1, chưa nộp 4 / 6 đơn vị');
    expect(text).toContain('Chưa nộp: Bệnh viện Đa khoa tỉnh, Hội Nhà báo tỉnh, Sở Tư pháp, Trung tâm Kiểm soát bệnh tật tỉnh');
    expect(text).toContain('năm 2026 (đến tháng 10/2026): 2,2 % (31/1.440) — chỉ tiêu từ 3 % trở lên: 🔴 chưa đạt');
    expect(text).toContain('So với kỳ trước: tăng 1,4 điểm phần trăm');
    expect(text).toContain('năm 2025: 92,6 % (25/27) — chỉ tiêu trên 90 %: ✅ đạt');
    expect(text).toContain('So với kỳ trước: tăng 8 điểm phần trăm');
    expect(text).toContain('Dưới chỉ tiêu (1 đơn vị): Sở Tư pháp (80 %)');
    expect(text).toContain('• Lê Thị Lan (Sở Tư pháp) — Telegram, từ ngày 20/11/2026');
    expect(text).not.toContain('Sở Cũ');
    const english = replyText('en', digestReply(data, 'en'));
    expect(english).toContain('2026 (to 10/2026): 2.2% (31/1,440) — target at least 3%: 🔴 behind');
  });

  it('should keep a department supervisor to their subtree, unreachable contacts included', async () => {
    const data = await digestFor(4);
    expect(data.roots.map((u) => u.code)).toEqual(['SYT']);
    const text = replyText('vi', digestReply(data, 'vi'));
    expect(text).toContain('Phạm vi: Sở Y tế — 3 đơn vị báo cáo');
    expect(text).not.toMatch(/Sở Nội vụ|Sở Tư pháp|Lê Thị Lan|Hội Nhà báo/);
    expect(data.unreachable).toEqual([]);
  });
});
