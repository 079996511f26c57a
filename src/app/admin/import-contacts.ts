import type { Locale } from '../../domain/localized-text.ts';
import { planContactImport, summarizeContactPlan, type ContactImportPlan, type StoredContact } from './contact-import-plan.ts';
import { readContactRows } from './contact-rows.ts';
import type { ImportOptions, ImportOutcome } from './import-units.ts';
import { readImportFile } from './read-import-file.ts';

/** What the contacts import needs of storage. */
export interface ContactImportStore {
  activeUnitCodes(): Promise<Set<string>>;
  /** Stored contacts whose external key is one of these. */
  contactsByKeys(keys: string[]): Promise<StoredContact[]>;
  /** Writes the plan in one transaction, with its audit entries. New contacts get `locale`. */
  applyContactPlan(plan: ContactImportPlan, meta: { actor: string; file: string; locale: Locale }, onProgress: (done: number) => void): Promise<void>;
}

/**
 * `contacts import`: reads the file, checks every row against the stored units, and only when the whole
 * file is valid adds and updates the people in it, in one transaction. Contacts left out of the file
 * are not touched. Idempotent like the units import.
 */
export async function importContacts(
  bytes: Uint8Array,
  fileName: string,
  store: ContactImportStore,
  options: ImportOptions & { locale: Locale },
): Promise<ImportOutcome> {
  const read = await readImportFile(bytes, fileName);
  if (!read.ok) return read;
  const { contacts, problems } = readContactRows(read.table, await store.activeUnitCodes());
  if (problems.length > 0) return { ok: false, problems };
  const keys = [...new Set(contacts.flatMap((contact) => [contact.key, contact.nameKey]))];
  const plan = planContactImport(contacts, await store.contactsByKeys(keys));
  const summary = summarizeContactPlan(plan);
  const rows = read.table.rows.length;
  const changes = plan.create.length + plan.update.length;
  if (!options.dryRun && changes > 0) {
    const progress = options.progressFor?.(rows);
    progress?.start(changes);
    try {
      await store.applyContactPlan(plan, { actor: options.actor, file: fileName, locale: options.locale }, (done) => progress?.update(done));
    } finally {
      progress?.stop();
    }
  }
  return { ok: true, dryRun: options.dryRun, rows, summary };
}
