import type { AnswerRow, AnswerVisitor, ReportDataSource, SubmissionFilter, SubmissionRecord } from '../../app/digest/report-data-port.ts';
import type { FiledStatus, ReturnedReportRow, ReviewStatusRow, SubmissionStatus, UnitNode, UnreachableIdentity } from '../../domain/digest/index.ts';
import { toReviewState } from '../../domain/review/review-state.ts';
import type { PrismaClient } from '../database.ts';
import { PeriodAnswerCache } from './period-answer-cache.ts';
import { SHORT_UNIT_LIST, SqliteReportReader } from './report-sqlite-reader.ts';
import { parseStoredAnswers } from './stored-answers.ts';

/** Above this many units, filter by unit in memory rather than in a long `IN (...)` list. */
const MAX_IN_LIST = SHORT_UNIT_LIST;

/**
 * Reporting reads shaped for thousands of units: each method reads over the (formId, periodKey)
 * index selecting only the columns needed; small scopes also filter by unit in SQL, large ones in
 * memory (cheaper than a huge parameter list). Given the SQLite file, the bulk reads (units,
 * statuses, answers) go through a read-only driver connection, the digest's (`filed`, `eachAnswer`)
 * one period at a time; otherwise everything is Prisma.
 */
export class ReportDataRepository implements ReportDataSource {
  private readonly fast: SqliteReportReader | undefined;
  private readonly periodAnswers: PeriodAnswerCache | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    options: { sqlitePath?: string } = {},
  ) {
    this.fast = options.sqlitePath ? new SqliteReportReader(options.sqlitePath) : undefined;
    this.periodAnswers = this.fast ? new PeriodAnswerCache(this.fast) : undefined;
  }

  /** The repository for a database URL: the fast path for a `file:` (SQLite) URL. */
  static forDatabase(prisma: PrismaClient, databaseUrl: string): ReportDataRepository {
    const sqlitePath = databaseUrl.startsWith('file:') ? databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '') : undefined;
    return new ReportDataRepository(prisma, sqlitePath ? { sqlitePath } : {});
  }

  /** Closes the fast path's connection, if any. */
  close(): void {
    this.fast?.close();
  }

  async units(): Promise<UnitNode[]> {
    if (this.fast) return this.fast.units();
    return this.prisma.unit.findMany({
      select: { id: true, code: true, name: true, kind: true, parentId: true, active: true },
      orderBy: { id: 'asc' },
    });
  }

  async statuses(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null): Promise<SubmissionStatus[]> {
    if (periodKeys.length === 0 || unitIds?.length === 0) return [];
    if (this.fast) return this.keep(this.fast.statuses(formId, periodKeys, unitIds), unitIds);
    const rows = await this.prisma.submission.findMany({
      where: this.where(formId, periodKeys, unitIds),
      select: { unitId: true, periodKey: true, late: true, submittedAt: true },
    });
    return this.keep(rows, unitIds);
  }

  async filed(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null): Promise<FiledStatus[]> {
    if (periodKeys.length === 0 || unitIds?.length === 0) return [];
    if (this.fast) return this.keep(this.fast.filed(formId, periodKeys, unitIds), unitIds);
    const rows = await this.prisma.submission.findMany({
      where: this.where(formId, periodKeys, unitIds),
      select: { unitId: true, periodKey: true, late: true },
    });
    return this.keep(rows, unitIds);
  }

  async eachAnswer(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null, visit: AnswerVisitor): Promise<void> {
    if (periodKeys.length === 0 || unitIds?.length === 0) return;
    if (!this.fast) {
      for (const row of await this.answers(formId, periodKeys, unitIds)) visit(row.unitId, row.periodKey, row.answers);
      return;
    }
    // Wide scopes read whole periods, kept parsed between digests (see PeriodAnswerCache); a small scope
    // uses a kept period when there is one, and otherwise reads only its units' rows.
    const wide = !unitIds || unitIds.length > MAX_IN_LIST;
    const cache = this.periodAnswers as PeriodAnswerCache;
    // Nothing kept and nothing to keep: a small scope reads its own rows without the versions.
    if (wide || !cache.isEmpty) cache.refresh();
    const wanted = unitIds ? new Set(unitIds) : null;
    for (const periodKey of [...new Set(periodKeys)].sort()) {
      if (wide || cache.has(formId, periodKey)) {
        for (const [unitId, answers] of cache.rows(formId, periodKey)) if (!wanted || wanted.has(unitId)) visit(unitId, periodKey, answers);
      } else {
        this.fast.eachAnswer(formId, [periodKey], unitIds, (unitId, key, answers) => visit(unitId, key, parseStoredAnswers(answers)));
      }
    }
  }

  async answers(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null): Promise<AnswerRow[]> {
    if (periodKeys.length === 0 || unitIds?.length === 0) return [];
    if (this.fast) {
      const wanted = unitIds && unitIds.length > MAX_IN_LIST ? new Set(unitIds) : null;
      const found: AnswerRow[] = [];
      for (const [unitId, periodKey, formVersion, answers] of this.fast.answers(formId, periodKeys, unitIds)) {
        if (!wanted || wanted.has(unitId)) found.push({ unitId, formId, periodKey, formVersion, answers: parseStoredAnswers(answers) });
      }
      return found;
    }
    const rows = this.keep(
          await this.prisma.submission.findMany({
            where: this.where(formId, periodKeys, unitIds),
            select: { unitId: true, periodKey: true, formVersion: true, answers: true },
          }),
          unitIds,
        );
    return rows.map((row) => ({ ...row, formId, answers: parseStoredAnswers(row.answers) }));
  }

  async unreachable(): Promise<UnreachableIdentity[]> {
    const rows = await this.prisma.channelIdentity.findMany({
      where: { unreachableAt: { not: null }, contact: { active: true } },
      select: {
        channel: true,
        unreachableAt: true,
        unreachableReason: true,
        contact: { select: { id: true, name: true, roles: { select: { unitId: true } } } },
      },
    });
    return rows.map((row) => ({
      contactId: row.contact.id,
      contactName: row.contact.name,
      channel: row.channel,
      since: row.unreachableAt as Date,
      reason: row.unreachableReason,
      unitIds: row.contact.roles.map((role) => role.unitId),
    }));
  }

  async list(filter: SubmissionFilter): Promise<SubmissionRecord[]> {
    const rows = await this.prisma.submission.findMany({
      where: { ...(filter.formId ? { formId: filter.formId } : {}), ...(filter.periodKey ? { periodKey: filter.periodKey } : {}) },
      orderBy: [{ formId: 'asc' }, { periodKey: 'asc' }, { unitId: 'asc' }],
    });
    return rows.map((row) => ({
      unitId: row.unitId,
      formId: row.formId,
      periodKey: row.periodKey,
      formVersion: row.formVersion,
      answers: parseStoredAnswers(row.answers),
      late: row.late,
      submittedAt: row.submittedAt,
      firstSubmittedAt: row.firstSubmittedAt,
      revision: row.currentRevision,
      id: row.id,
      reviewState: row.reviewState,
      imported: row.importedBy !== null,
    }));
  }

  async reviewStates(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null): Promise<ReviewStatusRow[]> {
    if (periodKeys.length === 0 || unitIds?.length === 0) return [];
    if (this.fast) return this.keep(this.fast.reviewStates(formId, periodKeys, unitIds), unitIds);
    const rows = await this.prisma.submission.findMany({
      where: this.where(formId, periodKeys, unitIds),
      select: { unitId: true, periodKey: true, reviewState: true },
    });
    return this.keep(rows, unitIds).map((row) => ({ unitId: row.unitId, periodKey: row.periodKey, state: toReviewState(row.reviewState) }));
  }

  /** The cache versions the database's triggers raise (see the inbound path's migration): they only ever grow, so their sum moves on any change. */
  async dataVersion(): Promise<string> {
    if (this.fast) return this.fast.dataVersion();
    const { _sum, _count } = await this.prisma.cacheVersion.aggregate({ _sum: { value: true }, _count: true });
    return `${_count}:${_sum.value ?? 0}`;
  }

  async returnedReports(unitIds: readonly number[] | null): Promise<ReturnedReportRow[]> {
    if (unitIds?.length === 0) return [];
    // Few rows (returned reports wait for their units), found through the review state's index.
    const byUnit = unitIds && unitIds.length <= MAX_IN_LIST ? { unitId: { in: [...unitIds] } } : {};
    const rows = await this.prisma.submission.findMany({
      where: { reviewState: 'returned', ...byUnit },
      select: { unitId: true, formId: true, periodKey: true, reviewedAt: true, reviewReason: true },
      orderBy: { id: 'asc' },
    });
    return this.keep(rows, unitIds).map((row) => ({ unitId: row.unitId, formId: row.formId, periodKey: row.periodKey, returnedAt: row.reviewedAt, reason: row.reviewReason }));
  }

  private where(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null) {
    const byUnit = unitIds && unitIds.length <= MAX_IN_LIST ? { unitId: { in: [...unitIds] } } : {};
    return { formId, periodKey: periodKeys.length === 1 ? (periodKeys[0] as string) : { in: [...periodKeys] }, ...byUnit };
  }

  private keep<T extends { unitId: number }>(rows: T[], unitIds: readonly number[] | null): T[] {
    if (!unitIds || unitIds.length <= MAX_IN_LIST) return rows;
    const wanted = new Set(unitIds);
    return rows.filter((row) => wanted.has(row.unitId));
  }
}
