import type { ReportDetail, ReportHistorySource, ReportListing } from '../../app/digest/report-history-port.ts';
import type { PrismaClient } from '../database.ts';
import { parseStoredAnswers } from './stored-answers.ts';

function listing(row: { id: number; unitId: number; formId: string; periodKey: string; currentRevision: number; formVersion: number; firstSubmittedAt: Date; submittedAt: Date; late: boolean; reviewState: string }): ReportListing {
  return {
    id: row.id,
    unitId: row.unitId,
    formId: row.formId,
    periodKey: row.periodKey,
    revision: row.currentRevision,
    formVersion: row.formVersion,
    firstSubmittedAt: row.firstSubmittedAt,
    submittedAt: row.submittedAt,
    late: row.late,
    reviewStatus: row.reviewState,
  };
}

/** Report history through Prisma (SQLite or PostgreSQL). */
export class ReportHistoryRepository implements ReportHistorySource {
  /** Reports carry a review state (new, accepted, returned): the "returned" filter is shown. */
  readonly hasReviewState = true;

  constructor(private readonly prisma: PrismaClient) {}

  async reportsOfUnit(unitId: number): Promise<ReportListing[]> {
    const rows = await this.prisma.submission.findMany({ where: { unitId }, omit: { answers: true }, orderBy: [{ periodKey: 'desc' }, { formId: 'asc' }] });
    return rows.map(listing);
  }

  async report(id: number): Promise<ReportDetail | null> {
    const row = await this.prisma.submission.findUnique({
      where: { id },
      include: { revisions: { orderBy: { revision: 'desc' }, include: { contact: { select: { name: true } } } } },
    });
    if (!row) return null;
    return {
      ...listing(row),
      answers: parseStoredAnswers(row.answers),
      revisions: row.revisions.map((revision) => ({
        revision: revision.revision,
        formVersion: revision.formVersion,
        answers: parseStoredAnswers(revision.answers),
        submittedAt: revision.submittedAt,
        late: revision.late,
        channel: revision.channel,
        contactName: revision.contact?.name ?? null,
      })),
    };
  }

  async returnedUnits(formId: string, periodKeys: readonly string[]): Promise<number[]> {
    if (periodKeys.length === 0) return [];
    const rows = await this.prisma.submission.findMany({ where: { formId, periodKey: { in: [...periodKeys] }, reviewState: 'returned' }, select: { unitId: true } });
    return rows.map((row) => row.unitId);
  }
}
