/**
 * The dashboard's downloads, limited to the viewer's scope: the digest workbook (what Telegram
 * attaches to the digest) and the admin export of one form's period (what `export` writes).
 */
import { buildDigest, type Scope } from '../../app/digest/digest-builder.ts';
import { digestWorkbook } from '../../app/digest/digest-workbook.ts';
import { isReportingUnit } from '../../domain/digest/index.ts';
import { parsePeriodKey, periodKeyAt, type Form, type Locale } from '../../domain/index.ts';
import { submissionSheets } from '../../exports/submissions-export.ts';
import { writeWorkbook } from '../../exports/workbook.ts';
import { translate } from '../../i18n/translator.ts';
import { AppError } from '../../shared/app-error.ts';
import type { DashboardDeps } from './dashboard-figures.ts';

/** The digest workbook of the scope. */
export async function digestDownload(deps: DashboardDeps, scope: Scope, now: Date, locale: Locale): Promise<Buffer> {
  return digestWorkbook(await buildDigest(deps, scope, now), locale);
}

/**
 * The export workbook of a form's period over the scope's units. Throws `web.bad_period` for a
 * period that is not one of the form's, and `web.not_found` for an unknown form.
 */
export async function exportDownload(deps: DashboardDeps, scope: Scope, formId: string, periodKey: string, now: Date, locale: Locale): Promise<Buffer> {
  const form = deps.forms().find((f) => f.id === formId);
  if (!form) throw new AppError('web.not_found');
  const parsed = parsePeriodKey(periodKey);
  if (!parsed.ok || parsed.key.type !== form.period) throw new AppError('web.bad_period', { period: periodKey, example: periodKeyAt(form.period, now, deps.timeZone) });
  const inScope = new Set(scope.units.map((unit) => unit.id));
  const submissions = (await deps.source.list({ formId, periodKey })).filter((s) => inScope.has(s.unitId));
  const versions = new Map<number, Form>();
  for (let version = 1; version <= form.version; version += 1) {
    const found = deps.formVersion(formId, version);
    if (found) versions.set(version, found);
  }
  versions.set(form.version, form);
  const sheets = submissionSheets(submissions, {
    versions,
    units: scope.units.filter(isReportingUnit),
    tree: scope.tree,
    locale,
    timeZone: deps.timeZone,
    periodKey,
    t: (key, params) => translate(locale, `exports.${key}`, params),
  });
  return writeWorkbook(sheets);
}
