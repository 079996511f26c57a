import type { ReportDeps, Scope } from '../../app/digest/digest-builder.ts';
import { UnitTree, scopeOf } from '../../domain/digest/index.ts';
import { readFormFolder } from '../../storage/form-files.ts';
import { ReportDataRepository } from '../../storage/repositories/report-data-repository.ts';
import type { CliContext } from '../cli-context.ts';

/** Reporting reads for the command line: the database, the shipped forms, the province's time zone. */
export async function reportDeps(ctx: CliContext): Promise<ReportDeps & { source: ReportDataRepository }> {
  const source = new ReportDataRepository(await ctx.getPrisma());
  const forms = readFormFolder().map((file) => file.form);
  return { source, forms: () => forms, timeZone: ctx.getConfig().BOT_TIMEZONE };
}

/** The scope an operator asked for: a unit code and its subtree, or the province by default. */
export async function operatorScope(ctx: CliContext, deps: ReportDeps, code: string | undefined): Promise<Scope> {
  const tree = new UnitTree(await deps.source.units());
  const unit = code ? tree.byCode(code) : tree.root();
  if (!unit) throw ctx.error('exports.unknown_scope', { unit: code ?? '' });
  return { tree, units: scopeOf(tree, [{ role: 'admin', unitId: unit.id }]) };
}
