import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../src/domain/answers/answer-value.ts';
import type { IndicatorDef } from '../../src/domain/forms/form-types.ts';
import { computeIndicator } from '../../src/domain/indicators/compute-indicator.ts';
import type { UnitInput } from '../../src/domain/indicators/indicator-types.ts';
import { unitsBelowTarget } from '../../src/domain/indicators/units-below-target.ts';
import { shippedForm } from './form-fixtures.ts';

const yearly = shippedForm('yearly_ratings');
const monthly = shippedForm('monthly_figures');
const forms = [yearly, monthly];

function indicator(id: string): IndicatorDef {
  const found = [...yearly.indicators, ...monthly.indicators].find((i) => i.id === id);
  if (!found) throw new Error(id);
  return found;
}

const orgRated = indicator('org_rated_good');
const heads = indicator('heads_party_members');
const admission = indicator('admission_rate');
const AT = new Date('2026-03-01T03:00:00Z');

function ratings(htxsnv: number, httnv: number, htnv: number, khtnv: number): Answers {
  return { org_htxsnv: htxsnv, org_httnv: httnv, org_htnv: htnv, org_khtnv: khtnv, org_total: htxsnv + httnv + htnv + khtnv };
}

function yearlyUnit(unitCode: string, answers: Answers, periodKey = '2025'): UnitInput {
  return { unitCode, answersByForm: { yearly_ratings: [{ periodKey, answers }] } };
}

describe('indicators are sums of numerators over sums of denominators', () => {
  it('never averages percentages', () => {
    const result = computeIndicator(
      orgRated,
      [yearlyUnit('A', ratings(1, 0, 0, 0)), yearlyUnit('B', ratings(30, 50, 15, 5))],
      { at: AT, year: 2025, forms },
    );
    expect(result).toMatchObject({ numerator: 81, denominator: 101, value: 81 / 101, status: 'behind', horizon: 2025 });
    expect(result.unitsCounted).toEqual(['A', 'B']);
  });

  it('is met only above 90 % for a strict target', () => {
    const exactly = computeIndicator(orgRated, [yearlyUnit('A', ratings(0, 9, 1, 0))], { at: AT, year: 2025 });
    expect(exactly).toMatchObject({ value: 0.9, status: 'behind' });
    const above = computeIndicator(orgRated, [yearlyUnit('A', ratings(10, 81, 9, 0))], { at: AT, year: 2025 });
    expect(above.status).toBe('met');
  });

  it('treats a zero denominator as no data, not 0 %', () => {
    const result = computeIndicator(orgRated, [yearlyUnit('A', ratings(0, 0, 0, 0))], { at: AT, year: 2025 });
    expect(result).toMatchObject({ numerator: 0, denominator: 0, value: null, status: 'no_data', pace: null });
    expect(result.unitsCounted).toEqual(['A']);
  });

  it('has no data when nobody reported', () => {
    expect(computeIndicator(orgRated, [], { at: AT }).status).toBe('no_data');
  });

  it('reads the year asked for, defaulting to the current local year', () => {
    const units = [yearlyUnit('A', ratings(10, 85, 5, 0), '2025')];
    expect(computeIndicator(orgRated, units, { at: AT, year: 2025 }).status).toBe('met');
    expect(computeIndicator(orgRated, units, { at: AT })).toMatchObject({ year: 2026, status: 'no_data', unitsExcluded: ['A'] });
  });

  it('reports the horizon the year counts toward', () => {
    expect(computeIndicator(orgRated, [], { at: AT, year: 2024 }).horizon).toBe(2025);
    expect(computeIndicator(orgRated, [], { at: AT, year: 2027 }).horizon).toBe(2030);
    expect(computeIndicator(heads, [], { at: AT, year: 2027 }).horizon).toBeNull();
  });
});

describe('units where the question does not apply are left out', () => {
  const withHeads = (code: string, total: number, members: number): UnitInput =>
    yearlyUnit(code, { has_heads: 'yes', heads_total: total, heads_members: members });

  it('leaves out units without village or residential-group heads', () => {
    const result = computeIndicator(
      heads,
      [withHeads('A', 10, 10), yearlyUnit('B', { has_heads: 'no' }), withHeads('C', 5, 4)],
      { at: AT, year: 2025, forms },
    );
    expect(result).toMatchObject({ numerator: 14, denominator: 15, status: 'behind', unitsCounted: ['A', 'C'], unitsExcluded: ['B'] });
  });

  it('ignores stale heads answers once has_heads is no, when given the forms', () => {
    const stale = yearlyUnit('B', { has_heads: 'no', heads_total: 8, heads_members: 0 });
    expect(computeIndicator(heads, [stale], { at: AT, year: 2025, forms }).unitsExcluded).toEqual(['B']);
  });

  it('is met at 100 %', () => {
    expect(computeIndicator(heads, [withHeads('A', 7, 7)], { at: AT, year: 2025, forms }).status).toBe('met');
  });
});

describe('year-to-date pace for admissions', () => {
  // Members on 31/12/2025 come from the 2025 yearly report; admissions from the 2026 monthly reports.
  const admissions = (code: string, members: number, monthlyAdmitted: number[]): UnitInput => ({
    unitCode: code,
    answersByForm: {
      yearly_ratings: [{ periodKey: '2025', answers: { members_dec31: members } }],
      monthly_figures: monthlyAdmitted.map((admitted, i) => ({
        periodKey: `2026-${String(i + 1).padStart(2, '0')}`,
        answers: { admitted, members_current: members + admitted },
      })),
    },
  });
  // 30 June 2026, noon in Vietnam: day 181 of 365.
  const at = new Date('2026-06-30T05:00:00Z');
  const units = [admissions('A', 600, [2, 2, 2, 2, 2, 2]), admissions('B', 400, [1, 0, 1, 0, 1, 0])];

  it('is on pace when admissions so far reach 3 % pro-rated to today (hand-computed)', () => {
    const result = computeIndicator(admission, units, { at, forms });
    // numerator 12 + 3 = 15; denominator 600 + 400 = 1000; expected = 0.03 × 1000 × 181/365 = 14.876…
    expect(result.numerator).toBe(15);
    expect(result.denominator).toBe(1000);
    expect(result.value).toBe(0.015);
    expect(result.pace?.yearFraction).toBeCloseTo(181 / 365, 12);
    expect(result.pace?.expectedByNow).toBeCloseTo(14.876712, 5);
    expect(result.pace?.ratioOfExpected).toBeCloseTo(1.008287, 5);
    expect(result.status).toBe('on_pace');
  });

  it('lists the unit behind its own pace', () => {
    const below = unitsBelowTarget(admission, units, { at, forms });
    expect(below.map((row) => row.unitCode)).toEqual(['B']);
    expect(below[0]).toMatchObject({ numerator: 3, denominator: 400, value: 0.0075 });
    expect(below[0]?.pace?.expectedByNow).toBeCloseTo((12 * 181) / 365, 9);
  });

  it('is behind when admissions lag the pace', () => {
    const slow = [admissions('A', 600, [0, 1, 0, 1, 0, 1])];
    expect(computeIndicator(admission, slow, { at, forms }).status).toBe('behind');
  });

  it('is met once the full-year 3 % is reached, whatever the date', () => {
    const fast = [admissions('A', 100, [3])];
    expect(computeIndicator(admission, fast, { at: new Date('2026-01-31T05:00:00Z'), forms }).status).toBe('met');
  });

  it('has no pace for a past year, which is judged on the whole year', () => {
    const result = computeIndicator(admission, units, { at: new Date('2027-02-01T05:00:00Z'), year: 2026, forms });
    expect(result.pace).toBeNull();
    expect(result.status).toBe('behind');
  });

  it('leaves out a unit without last year’s member count', () => {
    const noBase: UnitInput = { unitCode: 'C', answersByForm: { monthly_figures: [{ periodKey: '2026-01', answers: { admitted: 5, members_current: 5 } }] } };
    const result = computeIndicator(admission, [...units, noBase], { at, forms });
    expect(result.unitsExcluded).toEqual(['C']);
    expect(result.numerator).toBe(15);
  });
});

describe('aggregation properties', () => {
  const levels = fc.tuple(fc.nat(500), fc.nat(500), fc.nat(500), fc.nat(500));
  const unitsArb = fc.array(levels, { maxLength: 25 }).map((rows) =>
    rows.map((row, i) => yearlyUnit(`U${String(i).padStart(3, '0')}`, ratings(...row))),
  );
  const options = { at: AT, year: 2025, forms };

  it('does not depend on the order of the units', () => {
    fc.assert(
      fc.property(
        unitsArb.chain((units) => fc.tuple(fc.constant(units), fc.shuffledSubarray(units, { minLength: units.length }))),
        ([units, shuffled]) => {
          expect(computeIndicator(orgRated, shuffled, options)).toEqual(computeIndicator(orgRated, units, options));
        },
      ),
    );
  });

  it('sums of the parts equal the whole', () => {
    fc.assert(
      fc.property(unitsArb, fc.nat(), (units, cut) => {
        const at = units.length === 0 ? 0 : cut % (units.length + 1);
        const whole = computeIndicator(orgRated, units, options);
        const left = computeIndicator(orgRated, units.slice(0, at), options);
        const right = computeIndicator(orgRated, units.slice(at), options);
        expect(left.numerator + right.numerator).toBe(whole.numerator);
        expect(left.denominator + right.denominator).toBe(whole.denominator);
        expect([...left.unitsCounted, ...right.unitsCounted].sort()).toEqual(whole.unitsCounted);
      }),
    );
  });

  it('excluded units change nothing but the excluded list', () => {
    const excludedArb = fc.array(
      fc.constantFrom<Answers>({ has_heads: 'no' }, { has_heads: 'no', heads_total: 3, heads_members: 1 }, {}),
      { maxLength: 5 },
    );
    const headsUnits = fc.array(fc.tuple(fc.nat(100), fc.nat(100)), { maxLength: 15 }).map((rows) =>
      rows.map(([a, b], i) => yearlyUnit(`H${i}`, { has_heads: 'yes', heads_total: Math.max(a, b), heads_members: Math.min(a, b) })),
    );
    fc.assert(
      fc.property(headsUnits, excludedArb, (units, extra) => {
        const base = computeIndicator(heads, units, options);
        const noisy = computeIndicator(heads, [...units, ...extra.map((answers, i) => yearlyUnit(`X${i}`, answers))], options);
        expect({ ...noisy, unitsExcluded: [] }).toEqual({ ...base, unitsExcluded: [] });
        expect(noisy.unitsExcluded).toHaveLength(extra.length);
      }),
    );
  });

  it('a zero total is always no data, and otherwise the value is the ratio of the sums', () => {
    fc.assert(
      fc.property(unitsArb, (units) => {
        const result = computeIndicator(orgRated, units, options);
        if (result.denominator === 0) {
          expect(result.value).toBeNull();
          expect(result.status).toBe('no_data');
        } else {
          expect(result.value).toBe(result.numerator / result.denominator);
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});
