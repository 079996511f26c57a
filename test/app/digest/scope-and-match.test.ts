import { describe, expect, it } from 'vitest';
import { matchUnits, scopeOf, scopeRoots, UnitTree, type UnitNode } from '../../../src/domain/digest/index.ts';
import { UNITS } from './digest-fixtures.ts';

const tree = new UnitTree(UNITS.map((unit) => ({ ...unit })));
const codes = (units: UnitNode[]) => units.map((unit) => unit.code).sort();

describe('scope', () => {
  it('should give a supervisor of Sở Y tế its sub-units and nothing else', () => {
    expect(codes(scopeOf(tree, [{ role: 'supervisor', unitId: 4 }]))).toEqual(['SYT', 'SYT-BV', 'SYT-CDC']);
  });

  it('should give a reporter only the units they report for, never the sub-units', () => {
    expect(codes(scopeOf(tree, [{ role: 'reporter', unitId: 4 }]))).toEqual(['SYT']);
  });

  it('should give the province supervisor every active unit, and combine several roles', () => {
    expect(codes(scopeOf(tree, [{ role: 'admin', unitId: 1 }]))).toEqual(['HNB', 'SNV', 'STP', 'SYT', 'SYT-BV', 'SYT-CDC', 'UBND']);
    expect(codes(scopeOf(tree, [{ role: 'reporter', unitId: 2 }, { role: 'supervisor', unitId: 4 }]))).toEqual(['SNV', 'SYT', 'SYT-BV', 'SYT-CDC']);
    expect(scopeOf(tree, [{ role: 'reporter', unitId: 8 }])).toEqual([]);
  });

  it('should name the top units of a scope', () => {
    const scope = scopeOf(tree, [{ role: 'reporter', unitId: 2 }, { role: 'supervisor', unitId: 4 }]);
    expect(codes(scopeRoots(tree, scope))).toEqual(['SNV', 'SYT']);
  });
});

describe('finding a unit by what people type', () => {
  const all = scopeOf(tree, [{ role: 'admin', unitId: 1 }]);

  it('should find "Sở Nội vụ" from "so noi vu", ignoring diacritics and case', () => {
    expect(matchUnits(all, 'so noi vu')).toMatchObject({ kind: 'one', unit: { code: 'SNV' } });
    expect(matchUnits(all, 'SỞ NỘI VỤ')).toMatchObject({ kind: 'one', unit: { code: 'SNV' } });
    expect(matchUnits(all, 'noi vu')).toMatchObject({ kind: 'one', unit: { code: 'SNV' } });
  });

  it('should find a unit by its code in any case', () => {
    expect(matchUnits(all, 'syt-bv')).toMatchObject({ kind: 'one', unit: { code: 'SYT-BV' } });
  });

  it('should offer several units when the words fit more than one, and none for strangers', () => {
    const many = matchUnits(all, 'so');
    expect(many.kind).toBe('many');
    if (many.kind === 'many') expect(codes(many.units)).toEqual(['SNV', 'STP', 'SYT', 'SYT-CDC']); // "soát" begins with "so" too
    expect(matchUnits(all, 'tinh').kind).toBe('many');
    expect(matchUnits(all, 'bo cong an')).toEqual({ kind: 'none' });
    expect(matchUnits(all, '  ')).toEqual({ kind: 'none' });
  });

  it('should not find a unit outside the given scope', () => {
    const health = scopeOf(tree, [{ role: 'supervisor', unitId: 4 }]);
    expect(matchUnits(health, 'so noi vu')).toEqual({ kind: 'none' });
    expect(matchUnits(health, 'SNV')).toEqual({ kind: 'none' });
  });
});
