import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareInputs, rollupIndicator, summarizeIndicator } from '../../../src/domain/digest/index.ts';
import { collectIndicators, computeIndicator, unitsBelowTarget, yearFraction, type UnitInput } from '../../../src/domain/index.ts';
import { shippedForms, TZ } from './digest-fixtures.ts';

const forms = shippedForms();
const defs = collectIndicators(forms);
const AT = new Date('2026-06-15T03:00:00Z');

const count = fc.integer({ min: 0, max: 40 });
const yearly = fc.record({
  org_htxsnv: count, org_httnv: count, org_htnv: count, org_khtnv: count,
  cell_htxsnv: count, cell_httnv: count, cell_htnv: count, cell_khtnv: count,
  member_htxsnv: count, member_httnv: count, member_htnv: count, member_khtnv: count,
  members_dec31: count, has_heads: fc.constantFrom('yes', 'no'), heads_total: count, heads_members: count,
}).map((a) => ({
  ...a,
  org_total: a.org_htxsnv + a.org_httnv + a.org_htnv + a.org_khtnv,
  cell_total: a.cell_htxsnv + a.cell_httnv + a.cell_htnv + a.cell_khtnv,
  member_total: a.member_htxsnv + a.member_httnv + a.member_htnv + a.member_khtnv,
}));
const unitArb = fc.record({
  years: fc.subarray(['2024', '2025', '2026']),
  months: fc.subarray(['2026-01', '2026-02', '2026-03', '2026-05', '2025-12']),
  yearly,
  admitted: count,
});

describe('the digest rollup', () => {
  it('should equal computeIndicator and unitsBelowTarget for any units, every indicator and year', () => {
    fc.assert(
      fc.property(fc.array(unitArb, { maxLength: 6 }), fc.constantFrom(2025, 2026), (specs, year) => {
        const units: UnitInput[] = specs.map((spec, index) => ({
          unitCode: `U${index}`,
          answersByForm: {
            yearly_ratings: spec.years.map((periodKey) => ({ periodKey, answers: spec.yearly })),
            monthly_figures: spec.months.map((periodKey) => ({ periodKey, answers: { admitted: spec.admitted, members_current: 100 } })),
          },
        }));
        const prepared = prepareInputs(units, forms);
        for (const def of defs) {
          const options = { at: AT, tz: TZ, year, forms };
          const rollup = rollupIndicator(def, prepared, { year, currentYear: 2026, yearFraction: yearFraction(AT, TZ) });
          expect(rollup.result).toEqual(computeIndicator(def, units, options));
          expect(rollup.belowTarget).toEqual(unitsBelowTarget(def, units, options));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('should fall back to last year when this year has no data yet, and say so by its year', () => {
    const units: UnitInput[] = [{ unitCode: 'A', answersByForm: { yearly_ratings: [{ periodKey: '2025', answers: { org_htxsnv: 1, org_httnv: 8, org_htnv: 1, org_khtnv: 0, org_total: 10 } }] } }];
    const org = defs.find((d) => d.id === 'org_rated_good');
    if (!org) throw new Error('org_rated_good');
    const summary = summarizeIndicator(org, units, { at: AT, tz: TZ, forms });
    expect(summary.latest).toMatchObject({ year: 2025, numerator: 9, denominator: 10, status: 'behind' });
    expect(summary.previous).toMatchObject({ year: 2024, status: 'no_data' });
    expect(summary.change).toBeNull();
  });
});
