/**
 * An indicator over many units in one pass: each unit's numerator and denominator read once, then
 * summed for the scope and judged unit by unit for "below target". Same rules and result as
 * `computeIndicator` and `unitsBelowTarget` (a property test holds them equal); the digest needs
 * both for thousands of units, and deriving them separately would read every report several times.
 */
import type { IndicatorDef } from '../forms/form-types.ts';
import { meetsTarget } from '../indicators/compute-indicator.ts';
import type { IndicatorPace, IndicatorResult, IndicatorStatus } from '../indicators/indicator-types.ts';
import { computePace } from '../indicators/pace.ts';
import type { UnitBelowTarget } from '../indicators/units-below-target.ts';
import type { IndicatorInputs } from './indicator-inputs.ts';
import { unitSide, type Cutoff } from './unit-sides.ts';

/** `String.prototype.localeCompare` without arguments, made once (it builds a collator per call otherwise). */
const CODE_ORDER = new Intl.Collator();

/** Which year is judged, whether it is the current one, and the share of the year elapsed. */
export interface RollupYear {
  year: number;
  currentYear: number;
  yearFraction: number;
  /** Leave out one form's reports from a period on (see `unitSides`). */
  cutoff?: Cutoff;
}

/** The scope's result and the units below target. */
export interface Rollup {
  result: IndicatorResult;
  belowTarget: UnitBelowTarget[];
}

function judge(def: IndicatorDef, numerator: number, denominator: number, withPace: boolean, fraction: number): { value: number | null; pace: IndicatorPace | null; status: IndicatorStatus } {
  const value = denominator > 0 ? numerator / denominator : null;
  const pace = withPace && value !== null ? computePace(numerator, denominator, def.target, fraction) : null;
  let status: IndicatorStatus;
  if (value === null) status = 'no_data';
  else if (meetsTarget(value, def.target, def.comparator)) status = 'met';
  else if (pace && numerator >= pace.expectedByNow) status = 'on_pace';
  else status = 'behind';
  return { value, pace, status };
}

/** The indicator over prepared inputs (see `prepareInputs`) for one year. */
export function rollupIndicator(def: IndicatorDef, inputs: IndicatorInputs, when: RollupYear): Rollup {
  const withPace = def.ytd && when.year === when.currentYear;
  let numerator = 0;
  let denominator = 0;
  const counted: string[] = [];
  const excluded: string[] = [];
  const belowTarget: UnitBelowTarget[] = [];
  for (const unit of inputs.units) {
    // `unitSides` and `judge` unrolled: no objects per unit unless it is listed below target.
    const unitNumerator = unitSide(def.numerator, unit, when.year, when.cutoff);
    const unitDenominator = unitNumerator === null ? null : unitSide(def.denominator, unit, when.year, when.cutoff);
    if (unitNumerator === null || unitDenominator === null) {
      excluded.push(unit.unitCode);
      continue;
    }
    numerator += unitNumerator;
    denominator += unitDenominator;
    counted.push(unit.unitCode);
    if (!(unitDenominator > 0)) continue; // no data: never below target
    const value = unitNumerator / unitDenominator;
    if (meetsTarget(value, def.target, def.comparator)) continue;
    const pace = withPace ? computePace(unitNumerator, unitDenominator, def.target, when.yearFraction) : null;
    if (pace && unitNumerator >= pace.expectedByNow) continue; // on pace
    belowTarget.push({ unitCode: unit.unitCode, numerator: unitNumerator, denominator: unitDenominator, value, pace });
  }
  const total = judge(def, numerator, denominator, withPace, when.yearFraction);
  return {
    result: {
      id: def.id,
      year: when.year,
      horizon: def.horizons.find((h) => h >= when.year) ?? null,
      numerator,
      denominator,
      value: total.value,
      target: def.target,
      comparator: def.comparator,
      status: total.status,
      pace: total.pace,
      unitsCounted: counted.sort(),
      unitsExcluded: excluded.sort(),
    },
    belowTarget: belowTarget.sort((a, b) => a.value - b.value || CODE_ORDER.compare(a.unitCode, b.unitCode)),
  };
}
