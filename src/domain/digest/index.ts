/**
 * The digest's pure core: scope over the unit hierarchy, completeness of periods, indicator
 * summaries with change and units below target, and finding units by what people type.
 */
export type { ScopeRole, UnitNode } from '../organisation/unit-tree.ts';
export { UnitTree, byName, isReportingUnit, scopeOf, scopeRoots } from '../organisation/unit-tree.ts';
export type { FiledStatus, PeriodCompleteness, SubmissionStatus } from './completeness.ts';
export { digestWindows, periodCompleteness } from './completeness.ts';
export type { IndicatorSummary, SummaryOptions } from './indicator-summary.ts';
export { latestPeriodIn, summarizeIndicator } from './indicator-summary.ts';
export type { UnitMatch } from './unit-match.ts';
export { matchUnits } from './unit-match.ts';
export type { DigestData, DigestInput, FormCompleteness, UnreachableContact, UnreachableIdentity } from './digest-data.ts';
export { buildDigestData, unreachableInScope } from './digest-data.ts';
export { indicatorYears, periodKeysOfYear } from './indicator-years.ts';
export type { FormYears } from './indicator-years.ts';
export { answersForIndicators, indicatorAnswers, InputsCollector, prepareInputs } from './indicator-inputs.ts';
export type { BucketedUnit, IndicatorInputs, YearEntry } from './indicator-inputs.ts';
export { unitSides } from './unit-sides.ts';
export type { Cutoff } from './unit-sides.ts';
export { rollupIndicator } from './indicator-rollup.ts';
export type { Rollup, RollupYear } from './indicator-rollup.ts';
export { indicatorTrend, TREND_YEARS } from './indicator-trend.ts';
export type { IndicatorTrend, TrendPoint } from './indicator-trend.ts';
export { isStaleReturn, reviewSummary, shortReason, SHORT_REASON_LENGTH, STALE_RETURN_DAYS } from './review-summary.ts';
export type { FormReview, PeriodReview, ReturnedReportRow, ReviewCounts, ReviewStatusRow, StaleReturn } from './review-summary.ts';
