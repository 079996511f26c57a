import type { ReportDetail, ReportHistorySource, ReportListing } from '../../app/digest/report-history-port.ts';
import type { Answers } from '../../domain/index.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { PrismaClient } from '../database.ts';

function parseAnswers(text: string): Answers {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Answers) : {};
  } catch {
    return {};
  }
}

/**
 * The review state is added by its own feature (reports accepted or returned); until its column
 * exists, every report reads as having none and the "returned" filter stays hidden.
 */
const REVIEW_FIELD = 'reviewStatus';
const HAS_REVIEW_STATE = REVIEW_FIELD in Prisma.SubmissionScalarFieldEnum;

function reviewOf(row: object): string | null {
  const value = (row as Record<string, unknown>)[REVIEW_FIELD];
  return typeof value === 'string' ? value : null;
}

function listing(row: { id: number; unitId: number; formId: string; periodKey: string; currentRevision: number; formVersion: number; firstSubmittedAt: Date; submittedAt: Date; late: boolean }): ReportListing {
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
    reviewStatus: reviewOf(row),
  };
}

/** Report history through Prisma (SQLite or PostgreSQL). */
export class ReportHistoryRepository implements ReportHistorySource {
  readonly hasReviewState = HAS_REVIEW_STATE;

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
      answers: parseAnswers(row.answers),
      revisions: row.revisions.map((revision) => ({
        revision: revision.revision,
        formVersion: revision.formVersion,
        answers: parseAnswers(revision.answers),
        submittedAt: revision.submittedAt,
        late: revision.late,
        channel: revision.channel,
        contactName: revision.contact?.name ?? null,
      })),
    };
  }

  async returnedUnits(formId: string, periodKeys: readonly string[]): Promise<number[]> {
    if (!HAS_REVIEW_STATE || periodKeys.length === 0) return [];
    const where = { formId, periodKey: { in: [...periodKeys] }, [REVIEW_FIELD]: 'returned' } as Prisma.SubmissionWhereInput;
    const rows = await this.prisma.submission.findMany({ where, select: { unitId: true } });
    return rows.map((row) => row.unitId);
  }
}
