/**
 * The units that pull an indicator down, for the supervisors' digest: each unit judged on its
 * own numerator and denominator (and pace, for year-to-date indicators). Units with no data
 * are not listed here; missing reports are the lateness report's business.
 */
import type { IndicatorDef } from '../forms/form-types.ts';
import type { IndicatorOptions, IndicatorResult, UnitInput } from './indicator-types.ts';
import { computeIndicator } from './compute-indicator.ts';

/** One unit's own result for an indicator. */
export interface UnitBelowTarget {
  unitCode: string;
  numerator: number;
  denominator: number;
  value: number;
  pace: IndicatorResult['pace'];
}

/** Units whose own value is behind the target (or behind pace), lowest value first. */
export function unitsBelowTarget(def: IndicatorDef, units: readonly UnitInput[], options: IndicatorOptions): UnitBelowTarget[] {
  const rows: UnitBelowTarget[] = [];
  for (const unit of units) {
    const result = computeIndicator(def, [unit], options);
    if (result.status !== 'behind' || result.value === null) continue;
    rows.push({
      unitCode: unit.unitCode,
      numerator: result.numerator,
      denominator: result.denominator,
      value: result.value,
      pace: result.pace,
    });
  }
  return rows.sort((a, b) => a.value - b.value || a.unitCode.localeCompare(b.unitCode));
}
