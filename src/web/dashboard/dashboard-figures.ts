/**
 * What each dashboard page shows, computed by the digest's own use cases over the viewer's scope
 * (the same scope rule as chat): the digest with its indicator inputs, each indicator's trend from
 * those inputs, unit statuses from the digest's completeness, report history from storage. A unit or
 * report outside the scope reads as not found.
 */
import { buildDigest, buildDigestWithInputs, indicatorSummariesWithInputs, loadScope, type ReportDeps, type Scope } from '../../app/digest/digest-builder.ts';
import type { ReportDetail, ReportHistorySource, ReportListing } from '../../app/digest/report-history-port.ts';
import type { ContactRecord } from '../../app/ports.ts';
import { byName, digestWindows, indicatorTrend, isReportingUnit, type DigestData, type IndicatorSummary, type IndicatorTrend, type SubmissionStatus, type UnitNode } from '../../domain/digest/index.ts';
import type { Form } from '../../domain/index.ts';
import type { PeriodWindow } from '../../domain/periods/period-window.ts';

/** What the dashboard reads: the digest's deps, report history and every stored form version. */
export interface DashboardDeps extends ReportDeps {
  history: ReportHistorySource;
  formVersion(formId: string, version: number): Form | undefined;
}

/** The viewer's scope, exactly as the chat queries load it. */
export function viewerScope(deps: ReportDeps, contact: Pick<ContactRecord, 'roles'>): Promise<Scope> {
  return loadScope(deps.source, contact.roles);
}

/** The overview: the digest and each indicator's trend over the scope. */
export interface Overview {
  data: DigestData;
  trends: IndicatorTrend[];
}

/** Builds the overview from one digest read. */
export async function overview(deps: ReportDeps, scope: Scope, now: Date): Promise<Overview> {
  const { data, inputs } = await buildDigestWithInputs(deps, scope, now);
  const forms = deps.forms();
  const trends = data.indicators.map((summary) => indicatorTrend(summary.def, inputs, { at: now, tz: deps.timeZone, forms }));
  return { data, trends };
}

/** A unit's status in one period of one form. */
export type PeriodState = 'on_time' | 'late' | 'overdue' | 'open';

/** Which problems the unit list can be filtered by. */
export const UNIT_FILTERS = ['missing', 'late', 'below', 'returned'] as const;
export type UnitFilter = (typeof UNIT_FILTERS)[number];

/** One row of the unit tree. */
export interface UnitRow {
  unit: UnitNode;
  depth: number;
  parent: UnitNode | undefined;
  /** Per form (the digest's order): the current period's state, then the previous one's; empty for a unit that does not report. */
  states: Array<{ formId: string; periods: Array<{ key: string; state: PeriodState }> }>;
  /** Indicators on which the unit is below target. */
  below: IndicatorSummary[];
  flags: Set<UnitFilter>;
}

/** The unit tree with each unit's states, in tree order (parents before their children, names in order). */
export interface UnitTreeView {
  data: DigestData;
  rows: UnitRow[];
  /** Whether reports have a review state, so the "returned" filter means something. */
  reviewFilter: boolean;
}

/** Builds the unit tree of a scope from its digest (and, where reports have a review state, the returned ones). */
export async function unitTree(deps: DashboardDeps, scope: Scope, now: Date, digest: Promise<DigestData> = buildDigest(deps, scope, now)): Promise<UnitTreeView> {
  const data = await digest;
  const stateOf = new Map<string, PeriodState>();
  for (const { form, periods } of data.completeness) {
    for (const period of periods) {
      const tag = (units: readonly UnitNode[], state: PeriodState) => { for (const unit of units) stateOf.set(`${unit.id}|${form.id}|${period.window.key}`, state); };
      tag(period.onTime, 'on_time');
      tag(period.late, 'late');
      tag(period.missing, period.overdue ? 'overdue' : 'open');
    }
  }
  const belowByCode = new Map<string, IndicatorSummary[]>();
  for (const summary of data.indicators) for (const row of summary.belowTarget) belowByCode.set(row.unitCode, [...(belowByCode.get(row.unitCode) ?? []), summary]);
  const returned = new Set<number>();
  if (deps.history.hasReviewState) {
    for (const { form, periods } of data.completeness) for (const id of await deps.history.returnedUnits(form.id, periods.map((p) => p.window.key))) returned.add(id);
  }
  const inScope = new Set(scope.units.map((unit) => unit.id));
  const children = new Map<number, UnitNode[]>();
  const roots: UnitNode[] = [];
  for (const unit of scope.units) {
    if (unit.parentId !== null && inScope.has(unit.parentId)) children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit]);
    else roots.push(unit);
  }
  const rows: UnitRow[] = [];
  const visit = (unit: UnitNode, depth: number) => {
    const reporting = isReportingUnit(unit);
    const states = reporting
      ? data.completeness.map(({ form, periods }) => ({ formId: form.id, periods: periods.map((p) => ({ key: p.window.key, state: stateOf.get(`${unit.id}|${form.id}|${p.window.key}`) ?? 'open' })) }))
      : [];
    const below = belowByCode.get(unit.code) ?? [];
    const flags = new Set<UnitFilter>();
    for (const form of states) for (const period of form.periods) {
      if (period.state === 'overdue') flags.add('missing');
      if (period.state === 'late') flags.add('late');
    }
    if (below.length) flags.add('below');
    if (returned.has(unit.id)) flags.add('returned');
    rows.push({ unit, depth, parent: scope.tree.parentOf(unit), states, below, flags });
    for (const child of (children.get(unit.id) ?? []).sort(byName)) visit(child, depth + 1);
  };
  for (const root of roots.sort(byName)) visit(root, 0);
  return { data, rows, reviewFilter: deps.history.hasReviewState };
}

/** A unit's page: where it sits, how it reported, its reports and its own figures over time. */
export interface UnitView {
  unit: UnitNode;
  /** Its ancestors within the viewer's scope, top first. */
  path: UnitNode[];
  children: UnitNode[];
  reporting: boolean;
  periods: Array<{ form: Form; window: PeriodWindow; status: SubmissionStatus | undefined; overdue: boolean }>;
  reports: ReportListing[];
  summaries: IndicatorSummary[];
  trends: IndicatorTrend[];
}

/** The unit's page, or null when the unit is not in the scope (or does not exist). */
export async function unitView(deps: DashboardDeps, scope: Scope, unitId: number, now: Date): Promise<UnitView | null> {
  const unit = scope.units.find((u) => u.id === unitId);
  if (!unit) return null;
  const inScope = new Set(scope.units.map((u) => u.id));
  const path: UnitNode[] = [];
  for (let parent = scope.tree.parentOf(unit), guard = 0; parent && inScope.has(parent.id) && guard < 1000; parent = scope.tree.parentOf(parent), guard += 1) path.unshift(parent);
  const children = scope.units.filter((u) => u.parentId === unit.id).sort(byName);
  const forms = deps.forms();
  const reporting = isReportingUnit(unit);
  const periods: UnitView['periods'] = [];
  if (reporting) {
    for (const form of forms) {
      const windows = digestWindows(form, now, deps.timeZone);
      const statuses = await deps.source.statuses(form.id, windows.map((w) => w.key), [unit.id]);
      for (const window of windows) periods.push({ form, window, status: statuses.find((s) => s.periodKey === window.key), overdue: now.getTime() > window.dueAt.getTime() });
    }
  }
  const [{ summaries, inputs }, reports] = await Promise.all([indicatorSummariesWithInputs(deps, { tree: scope.tree, units: [unit] }, now), deps.history.reportsOfUnit(unit.id)]);
  const trends = summaries.map((summary) => indicatorTrend(summary.def, inputs, { at: now, tz: deps.timeZone, forms }));
  return { unit, path, children, reporting, periods, reports, summaries, trends };
}

/** A report's page: the report, its unit and the form version it was filed on. */
export interface ReportView {
  report: ReportDetail;
  unit: UnitNode;
  form: Form | undefined;
  /** The form each revision was filed on. */
  revisionForms: Map<number, Form | undefined>;
}

/** The report's page, or null when the report does not exist or its unit is not in the scope. */
export async function reportView(deps: DashboardDeps, scope: Scope, reportId: number): Promise<ReportView | null> {
  const report = await deps.history.report(reportId);
  if (!report) return null;
  const unit = scope.units.find((u) => u.id === report.unitId);
  if (!unit) return null;
  const formOf = (version: number) => deps.formVersion(report.formId, version) ?? deps.forms().find((f) => f.id === report.formId && f.version === version);
  const revisionForms = new Map(report.revisions.map((r) => [r.revision, formOf(r.formVersion)]));
  return { report, unit, form: formOf(report.formVersion), revisionForms };
}
