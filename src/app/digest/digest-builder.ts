/**
 * Gathers a digest for a scope through the report-data port in a fixed, small number of batch
 * reads (units once; per form, who filed its two periods, their review states and the answers its
 * indicators read, streamed; the returned reports; the unreachable identities), then hands everything to the pure digest computation.
 */
import { DateTime } from 'luxon';
import { collectIndicators, type Form, type PeriodWindow } from '../../domain/index.ts';
import {
  buildDigestData,
  digestWindows,
  indicatorAnswers,
  indicatorYears,
  InputsCollector,
  periodKeysOfYear,
  scopeOf,
  UnitTree,
  summarizeIndicator,
  type DigestData,
  type FiledStatus,
  type IndicatorInputs,
  type IndicatorSummary,
  type ReviewStatusRow,
  type ScopeRole,
  type UnitNode,
} from '../../domain/digest/index.ts';
import type { ReportDataSource } from './report-data-port.ts';

/** What every reporting use case needs. */
export interface ReportDeps {
  source: ReportDataSource;
  /** The current version of every form. */
  forms: () => readonly Form[];
  timeZone: string;
}

/** A contact's (or an operator's) view of the hierarchy. */
export interface Scope {
  tree: UnitTree;
  units: UnitNode[];
}

/** Loads the hierarchy and the units visible with these roles. */
export async function loadScope(source: ReportDataSource, roles: readonly ScopeRole[]): Promise<Scope> {
  const tree = new UnitTree(await source.units());
  return { tree, units: scopeOf(tree, roles) };
}

/** The scope's unit ids, or null when it holds every active unit (no filter needed). */
export function unitFilter(scope: Scope): number[] | null {
  const active = scope.tree.units.filter((unit) => unit.active).length;
  return scope.units.length >= active ? null : scope.units.map((unit) => unit.id);
}

/**
 * Indicator inputs for the scope's units, prepared (see `prepareInputs`): the answers of the forms
 * and years the indicators read, streamed from storage one report at a time and reduced on the way
 * to the few answers the indicators reference (see `indicatorAnswers`), so a province-wide year of
 * reports is never held whole. Last year's frequent reports only `withFallback`.
 */
export async function loadIndicatorInputs(deps: ReportDeps, scope: Scope, now: Date, withFallback = true): Promise<IndicatorInputs> {
  const forms = deps.forms();
  const defs = collectIndicators(forms);
  const currentYear = DateTime.fromJSDate(now, { zone: deps.timeZone }).year;
  const filter = unitFilter(scope);
  const collector = new InputsCollector(scope.units);
  const wanted = indicatorYears(defs, forms, currentYear, withFallback);
  await Promise.all(
    wanted.map(async ({ formId, years }) => {
      const form = forms.find((f) => f.id === formId);
      if (!form) return;
      // Each key asked for, with its year: rows carry one of these keys, so none is parsed again.
      const keys = new Map<string, { key: string; year: number }>();
      for (const year of years) for (const key of periodKeysOfYear(form.period, year)) keys.set(key, { key, year });
      const read = indicatorAnswers(form, defs);
      await deps.source.eachAnswer(formId, [...keys.keys()], filter, (unitId, periodKey, answers) => {
        const known = keys.get(periodKey);
        if (known) collector.add(unitId, formId, known.year, known.key, read(answers));
      });
    }),
  );
  return collector.inputs();
}

/**
 * Summaries of every indicator over the scope. This year's frequent reports are read first; last
 * year's only when an indicator they feed has no data yet this year (January's digest).
 */
export async function indicatorSummaries(deps: ReportDeps, scope: Scope, now: Date): Promise<IndicatorSummary[]> {
  return (await indicatorSummariesWithInputs(deps, scope, now)).summaries;
}

/** `indicatorSummaries` with the inputs they were computed from, for views that chart the same figures over time. */
export async function indicatorSummariesWithInputs(deps: ReportDeps, scope: Scope, now: Date): Promise<{ summaries: IndicatorSummary[]; inputs: IndicatorInputs }> {
  const forms = deps.forms();
  const defs = collectIndicators(forms);
  const summarize = (inputs: IndicatorInputs) => defs.map((def) => summarizeIndicator(def, inputs, { at: now, tz: deps.timeZone, forms }));
  let inputs = await loadIndicatorInputs(deps, scope, now, false);
  let summaries = summarize(inputs);
  const frequent = (summary: IndicatorSummary) => forms.find((form) => form.id === summary.def.numerator.formId)?.period !== 'yearly';
  if (summaries.some((summary) => summary.latest.status === 'no_data' && frequent(summary))) {
    inputs = await loadIndicatorInputs(deps, scope, now, true);
    summaries = summarize(inputs);
  }
  return { summaries, inputs };
}

/** Builds the digest of a scope at an instant. */
export async function buildDigest(deps: ReportDeps, scope: Scope, now: Date): Promise<DigestData> {
  return (await buildDigestWithInputs(deps, scope, now)).data;
}

/** `buildDigest` with the indicator inputs it read, so a view can chart them without reading them again. */
export async function buildDigestWithInputs(deps: ReportDeps, scope: Scope, now: Date): Promise<{ data: DigestData; inputs: IndicatorInputs }> {
  const forms = deps.forms();
  const filter = unitFilter(scope);
  const windows = new Map<string, PeriodWindow[]>(forms.map((form) => [form.id, digestWindows(form, now, deps.timeZone)]));
  const keysOf = (form: Form) => (windows.get(form.id) ?? []).map((w) => w.key);
  const [statusLists, indicators, unreachable, stateLists, returned] = await Promise.all([
    Promise.all(forms.map((form) => deps.source.filed(form.id, keysOf(form), filter))),
    indicatorSummariesWithInputs(deps, scope, now),
    deps.source.unreachable(),
    Promise.all(forms.map((form) => deps.source.reviewStates(form.id, keysOf(form), filter))),
    deps.source.returnedReports(filter),
  ]);
  const statuses = new Map<string, FiledStatus[]>(forms.map((form, index) => [form.id, statusLists[index] ?? []]));
  const reviewStates = new Map<string, ReviewStatusRow[]>(forms.map((form, index) => [form.id, stateLists[index] ?? []]));
  const data = buildDigestData({
    tree: scope.tree,
    scope: scope.units,
    forms,
    windows,
    statuses,
    indicators: indicators.summaries,
    unreachable,
    reviewStates,
    returned,
    now,
    timeZone: deps.timeZone,
  });
  return { data, inputs: indicators.inputs };
}
