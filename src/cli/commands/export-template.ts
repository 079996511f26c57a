import { writeFileSync } from 'node:fs';
import { byName, isReportingUnit, UnitTree } from '../../domain/digest/index.ts';
import type { Form } from '../../domain/index.ts';
import { templateSheets } from '../../exports/history-template.ts';
import { writeWorkbook } from '../../exports/workbook.ts';
import type { CliContext } from '../cli-context.ts';
import { outputFile } from '../option-checks.ts';
import { reportDeps } from './report-reads.ts';

/** The file a template goes to when `--out` is not given: "mau-nhap-<form>.xlsx" in the current folder. */
export function defaultTemplateFile(form: Form): string {
  return `mau-nhap-${form.id}.xlsx`;
}

/**
 * `export --template --form F [--out file]`: the export's layout for the form's current version with no
 * data rows, a guide to every column and the unit codes, for a province to fill in and `submissions import`.
 */
export async function writeTemplate(ctx: CliContext, form: Form, outOption: string | undefined, json: boolean | undefined): Promise<void> {
  const file = outOption ?? defaultTemplateFile(form);
  const out = outputFile('--out', file, ctx.io.cwd);
  const deps = await reportDeps(ctx);
  const tree = new UnitTree(await deps.source.units());
  const units = tree.units.filter(isReportingUnit).sort((a, b) => a.code.localeCompare(b.code) || byName(a, b));
  const sheets = templateSheets({
    form,
    units,
    tree,
    locale: ctx.locale,
    timeZone: deps.timeZone,
    now: new Date(),
    te: (key, params) => ctx.t(`exports.${key}`, params),
    th: (key, params) => ctx.t(`history.${key}`, params),
  });
  writeFileSync(out, await writeWorkbook(sheets));
  const summary = { file, form: form.id, version: form.version, units: units.length, sheets: sheets.map((s) => s.name) };
  if (json) return ctx.json(summary);
  ctx.say('history.template_done', { file, form: form.id, version: form.version, units: units.length });
}
