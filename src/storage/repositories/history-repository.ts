import type { HistoryReport, HistoryStore, HistoryUnit, StoredReport } from '../../app/history/history-ports.ts';
import { AppError } from '../../shared/app-error.ts';
import type { PrismaClient } from '../database.ts';
import { writeAudit } from './audit-repository.ts';
import { batches } from './batches.ts';
import { parseStoredAnswers } from './stored-answers.ts';
import { isUniqueViolation } from '../prisma-errors.ts';

const TRANSACTION = { timeout: 120_000, maxWait: 10_000 };

/** The channel recorded on an imported revision, where a filed one says which messenger it came from. */
export const IMPORT_CHANNEL = 'import';

/**
 * Storage of the history import. Imported reports are written as revision 1 with no contact and the
 * channel "import", accepted at once and reviewed by the importer (DHIS2 loads approved data as-is, and
 * these figures were approved on paper), and marked `importedBy`. The database's triggers raise the
 * cache versions on these writes, so a running bot sees the reports at its next update.
 */
export class HistoryRepository implements HistoryStore {
  constructor(private readonly prisma: PrismaClient) {}

  async units(): Promise<HistoryUnit[]> {
    return this.prisma.unit.findMany({ select: { id: true, code: true }, orderBy: { id: 'asc' } });
  }

  async stored(keys: ReadonlyArray<{ unitId: number; formId: string; periodKey: string }>): Promise<StoredReport[]> {
    const wanted = new Set(keys.map((key) => `${key.unitId}|${key.formId}|${key.periodKey}`));
    const found: StoredReport[] = [];
    for (const formId of new Set(keys.map((key) => key.formId))) {
      const periods = [...new Set(keys.filter((key) => key.formId === formId).map((key) => key.periodKey))];
      for (const batch of batches(periods)) {
        const rows = await this.prisma.submission.findMany({
          where: { formId, periodKey: { in: batch } },
          select: { id: true, unitId: true, formId: true, periodKey: true, formVersion: true, answers: true },
        });
        for (const row of rows) if (wanted.has(`${row.unitId}|${row.formId}|${row.periodKey}`)) found.push({ ...row, answers: parseStoredAnswers(row.answers) });
      }
    }
    return found;
  }

  async write(reports: readonly HistoryReport[], meta: { actor: string; file: string; unchanged: number }, now: Date): Promise<void> {
    try {
      await this.prisma.$transaction(async (tx) => {
        for (const batch of batches(reports)) {
          const created = await tx.submission.createManyAndReturn({
            data: batch.map((report) => ({
              unitId: report.unitId,
              formId: report.formId,
              periodKey: report.periodKey,
              currentRevision: 1,
              formVersion: report.formVersion,
              answers: JSON.stringify(report.answers),
              firstSubmittedAt: report.submittedAt,
              submittedAt: report.submittedAt,
              late: report.late,
              reviewState: 'accepted',
              reviewedAt: now,
              reviewedBy: meta.actor,
              importedBy: meta.actor,
            })),
            select: { id: true, unitId: true, formId: true, periodKey: true, formVersion: true, answers: true, submittedAt: true, late: true },
          });
          await tx.submissionRevision.createMany({
            data: created.map((row) => ({ submissionId: row.id, revision: 1, formVersion: row.formVersion, answers: row.answers, submittedAt: row.submittedAt, late: row.late, contactId: null, channel: IMPORT_CHANNEL })),
          });
        }
        const forms: Record<string, string[]> = {};
        for (const report of reports) {
          const periods = (forms[report.formId] ??= []);
          if (!periods.includes(report.periodKey)) periods.push(report.periodKey);
        }
        for (const periods of Object.values(forms)) periods.sort();
        await writeAudit(tx, [{ actor: meta.actor, action: 'submissions.import', entity: 'Submission', detail: { file: meta.file, imported: reports.length, unchanged: meta.unchanged, forms } }], now);
      }, TRANSACTION);
    } catch (error) {
      // Another process stored one of these reports between the check and the write: nothing was written.
      if (isUniqueViolation(error)) throw new AppError('history.changed_meanwhile', {}, { cause: error });
      throw error;
    }
  }
}
