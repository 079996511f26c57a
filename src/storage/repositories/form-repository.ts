import type { FormCatalog } from '../../app/ports.ts';
import { loadForm, pickText, type Form } from '../../domain/index.ts';
import { AppError } from '../../shared/app-error.ts';
import { isUniqueViolation } from '../prisma-errors.ts';
import type { PrismaClient } from '../database.ts';
import type { FormFile } from '../form-files.ts';

/** Every version of every form, in memory: drafts and old submissions keep the version they began on. */
export class InMemoryFormCatalog implements FormCatalog {
  /** Made once: the same array every time, so what is computed from it can be cached against it. */
  private latest: Form[] | undefined;

  constructor(private readonly byId: Map<string, Map<number, Form>>, private readonly currentIds: string[]) {}

  current(): Form[] {
    this.latest ??= this.currentIds.flatMap((id) => {
      const versions = this.byId.get(id);
      if (!versions) return [];
      const latest = Math.max(...versions.keys());
      const form = versions.get(latest);
      return form ? [form] : [];
    });
    return this.latest;
  }

  version(formId: string, version: number): Form | undefined {
    return this.byId.get(formId)?.get(version);
  }
}

/**
 * Records the shipped form files in the database (a new version when a file's version number grows)
 * and loads every stored version. A file whose content changed without a new version number is
 * refused: reports already filed against that version must keep meaning what they meant.
 */
export async function syncForms(prisma: PrismaClient, files: FormFile[]): Promise<InMemoryFormCatalog> {
  const [forms, versions] = await Promise.all([prisma.form.findMany(), prisma.formVersion.findMany({ select: { formId: true, version: true, checksum: true } })]);
  for (const file of files) {
    const { form, checksum } = file;
    const stored = versions.find((row) => row.formId === form.id && row.version === form.version);
    if (stored && stored.checksum !== checksum) throw new AppError('storage.form_changed_without_version', { form: form.id, version: form.version });
    const row = forms.find((candidate) => candidate.id === form.id);
    // Already recorded as it is: a start writes nothing.
    if (stored && row && row.active && row.title === pickText(form.title, 'vi') && row.periodType === form.period && row.currentVersion >= form.version) continue;
    try {
      await recordFormFile(prisma, file);
    } catch (error) {
      // Another worker starting at the same moment recorded it first; what is stored is now checked again.
      if (!isUniqueViolation(error)) throw error;
      await recordFormFile(prisma, file);
    }
  }
  const byId = new Map<string, Map<number, Form>>();
  for (const row of await prisma.formVersion.findMany()) {
    const loaded = loadForm(JSON.parse(row.definition), `${row.formId} v${row.version}`);
    if (!loaded.ok) continue;
    const versions = byId.get(row.formId) ?? new Map<number, Form>();
    versions.set(row.version, loaded.form);
    byId.set(row.formId, versions);
  }
  return new InMemoryFormCatalog(byId, files.map((file) => file.form.id));
}

/** Records one form file: its form row and, if new, its version; refuses an edited version. */
async function recordFormFile(prisma: PrismaClient, { form, raw, checksum }: FormFile): Promise<void> {
  const definition = JSON.stringify(raw);
  await prisma.$transaction(async (tx) => {
    const stored = await tx.formVersion.findUnique({ where: { formId_version: { formId: form.id, version: form.version } } });
    if (stored && stored.checksum !== checksum) throw new AppError('storage.form_changed_without_version', { form: form.id, version: form.version });
    const title = pickText(form.title, 'vi');
    const existing = await tx.form.findUnique({ where: { id: form.id } });
    const currentVersion = Math.max(existing?.currentVersion ?? 0, form.version);
    await tx.form.upsert({
      where: { id: form.id },
      create: { id: form.id, title, periodType: form.period, currentVersion },
      update: { title, periodType: form.period, currentVersion, active: true },
    });
    if (!stored) await tx.formVersion.create({ data: { formId: form.id, version: form.version, definition, checksum } });
  });
}
