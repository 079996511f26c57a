import type { SubmissionReader, SubmissionSummary } from '../../app/ports.ts';
import type { Answers } from '../../domain/index.ts';
import type { PrismaClient } from '../database.ts';

/** Reads stored submissions (their current revision). */
export class SubmissionRepository implements SubmissionReader {
  constructor(private readonly prisma: PrismaClient) {}

  async find(keys: Array<{ unitId: number; formId: string; periodKey: string }>): Promise<SubmissionSummary[]> {
    if (keys.length === 0) return [];
    const rows = await this.prisma.submission.findMany({
      where: {
        unitId: { in: [...new Set(keys.map((k) => k.unitId))] },
        formId: { in: [...new Set(keys.map((k) => k.formId))] },
        periodKey: { in: [...new Set(keys.map((k) => k.periodKey))] },
      },
    });
    const wanted = new Set(keys.map((k) => `${k.unitId}:${k.formId}:${k.periodKey}`));
    return rows
      .filter((row) => wanted.has(`${row.unitId}:${row.formId}:${row.periodKey}`))
      .map(toSummary);
  }

  /** Reports of these units returned for amendment, whatever their period: /baocao offers them until sent again. */
  async returned(unitIds: readonly number[]): Promise<SubmissionSummary[]> {
    if (unitIds.length === 0) return [];
    const rows = await this.prisma.submission.findMany({ where: { unitId: { in: [...unitIds] }, reviewState: 'returned' }, orderBy: { id: 'asc' } });
    return rows.map(toSummary);
  }
}

type SubmissionRow = Awaited<ReturnType<PrismaClient['submission']['findFirstOrThrow']>>;

/** A stored submission as the app reads it: its current revision's answers and review state. */
function toSummary(row: SubmissionRow): SubmissionSummary {
  return {
    unitId: row.unitId,
    formId: row.formId,
    periodKey: row.periodKey,
    answers: JSON.parse(row.answers) as Answers,
    formVersion: row.formVersion,
    submittedAt: row.submittedAt,
    late: row.late,
    revision: row.currentRevision,
    reviewState: row.reviewState,
    reviewReason: row.reviewReason,
  };
}
