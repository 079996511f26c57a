import type { FormCatalog } from '../../app/history/history-ports.ts';
import { loadForm, type Form } from '../../domain/index.ts';
import type { CliContext } from '../cli-context.ts';

/**
 * Every version of every form the import may meet: the definitions stored in the database (reports
 * keep the version they were filed with) and the shipped files (a version not stored yet).
 */
export async function formCatalog(ctx: CliContext, shipped: readonly Form[]): Promise<FormCatalog> {
  const catalog = new Map<string, Map<number, Form>>();
  const add = (form: Form, version: number) => {
    const versions = catalog.get(form.id) ?? new Map<number, Form>();
    versions.set(version, form);
    catalog.set(form.id, versions);
  };
  const prisma = await ctx.getPrisma();
  for (const row of await prisma.formVersion.findMany({ orderBy: [{ formId: 'asc' }, { version: 'asc' }] })) {
    const loaded = loadForm(JSON.parse(row.definition), `${row.formId} v${row.version}`);
    if (loaded.ok) add(loaded.form, row.version);
  }
  for (const form of shipped) add(form, form.version);
  return catalog;
}
