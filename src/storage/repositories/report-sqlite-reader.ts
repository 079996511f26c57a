import Database from 'better-sqlite3';
import type { UnitNode } from '../../domain/digest/index.ts';

/** Unit lists up to this length are filtered in SQL (the same limit as the Prisma path). */
export const SHORT_UNIT_LIST = 500;
const MAX_CACHED_STATEMENTS = 64;

/** Raw rows as the fast path reads them. */
export interface StatusRow {
  unitId: number;
  periodKey: string;
  late: boolean;
  submittedAt: Date;
}

/** One report's answers as stored: [unitId, periodKey, formVersion, answers JSON]. */
export type AnswerTextRow = [unitId: number, periodKey: string, formVersion: number, answers: string];

/**
 * The heavy reporting reads on SQLite, through a read-only better-sqlite3 connection of its own (WAL
 * lets it read beside the bot's writer). Prisma spends several microseconds per row mapping
 * results, which a province-wide digest over tens of thousands of reports cannot afford; the SQL
 * here is plain and portable, and on another database the repository uses Prisma instead.
 */
export class SqliteReportReader {
  private db: Database.Database | undefined;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly path: string) {}

  /** `AND "unitId" IN (...)` for a short list of units; longer lists are filtered by the caller. */
  private static unitClause(unitIds: readonly number[] | null): { sql: string; params: number[] } {
    if (!unitIds || unitIds.length > SHORT_UNIT_LIST) return { sql: '', params: [] };
    return { sql: ` AND "unitId" IN (${unitIds.map(() => '?').join(', ')})`, params: [...unitIds] };
  }

  private statement(sql: string): Database.Statement {
    if (!this.db) {
      this.db = new Database(this.path, { readonly: true, fileMustExist: true, timeout: 5000 });
      this.db.pragma('cache_size = -32768');
    }
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size < MAX_CACHED_STATEMENTS) this.statements.set(sql, statement);
    }
    return statement;
  }

  units(): UnitNode[] {
    const rows = this.statement('SELECT "id", "code", "name", "kind", "parentId", "active" FROM "Unit" ORDER BY "id"').all() as Array<Omit<UnitNode, 'active'> & { active: number }>;
    return rows.map((row) => ({ ...row, active: row.active === 1 }));
  }

  statuses(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null = null): StatusRow[] {
    const units = SqliteReportReader.unitClause(unitIds);
    const sql = `SELECT "unitId", "periodKey", "late", "submittedAt" FROM "Submission" WHERE "formId" = ? AND "periodKey" IN (${periodKeys.map(() => '?').join(', ')})${units.sql}`;
    const rows = this.statement(sql).raw(true).all(formId, ...periodKeys, ...units.params) as Array<[number, string, number, string]>;
    return rows.map(([unitId, periodKey, late, submittedAt]) => ({ unitId, periodKey, late: late === 1, submittedAt: new Date(submittedAt) }));
  }

  /** Rows as [unitId, periodKey, formVersion, answers JSON]: arrays, so that only the caller's objects are made. */
  answers(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null = null): AnswerTextRow[] {
    const units = SqliteReportReader.unitClause(unitIds);
    const sql = `SELECT "unitId", "periodKey", "formVersion", "answers" FROM "Submission" WHERE "formId" = ? AND "periodKey" IN (${periodKeys.map(() => '?').join(', ')})${units.sql}`;
    return this.statement(sql).raw(true).all(formId, ...periodKeys, ...units.params) as AnswerTextRow[];
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
    this.statements.clear();
  }
}
