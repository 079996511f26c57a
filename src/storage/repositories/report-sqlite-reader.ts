import Database from 'better-sqlite3';
import type { UnitNode } from '../../domain/digest/index.ts';
import { UNIT_REPORTS_PREFIX } from './inbound-store-prisma.ts';

/** Unit lists up to this length are filtered in SQL (the same limit as the Prisma path). */
export const SHORT_UNIT_LIST = 500;
const MAX_CACHED_STATEMENTS = 64;
/** The cache versions of units' reports, `submissions:<unit id>`, run up to this name (`;` sorts right after `:`). */
const UNIT_VERSION_END = `${UNIT_REPORTS_PREFIX.slice(0, -1)};`;

/** Raw rows as the fast path reads them. */
export interface StatusRow {
  unitId: number;
  periodKey: string;
  late: boolean;
  submittedAt: Date;
}

/** What completeness reads of a stored submission. */
export interface FiledRow {
  unitId: number;
  periodKey: string;
  late: boolean;
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
    const rows = this.statement('SELECT "id", "code", "name", "kind", "parentId", "active" FROM "Unit" ORDER BY "id"').raw(true).all() as Array<[number, string, string, string, number | null, number]>;
    return rows.map(([id, code, name, kind, parentId, active]) => ({ id, code, name, kind, parentId, active: active === 1 }));
  }

  statuses(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null = null): StatusRow[] {
    const units = SqliteReportReader.unitClause(unitIds);
    const sql = `SELECT "unitId", "periodKey", "late", "submittedAt" FROM "Submission" WHERE "formId" = ? AND "periodKey" IN (${SqliteReportReader.list(periodKeys)})${units.sql}`;
    const rows = this.statement(sql).raw(true).all(formId, ...periodKeys, ...units.params) as Array<[number, string, number, string]>;
    return rows.map(([unitId, periodKey, late, submittedAt]) => ({ unitId, periodKey, late: late === 1, submittedAt: new Date(submittedAt) }));
  }

  /**
   * Who filed which period and whether late: one query per period (rows then need no period key of
   * their own), no times parsed.
   */
  filed(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null = null): FiledRow[] {
    const units = SqliteReportReader.unitClause(unitIds);
    // One number per row (unit id and lateness packed), so no row array is made.
    const statement = this.statement(`SELECT "unitId" * 2 + (CASE WHEN "late" = 1 THEN 1 ELSE 0 END) FROM "Submission" WHERE "formId" = ? AND "periodKey" = ?${units.sql}`).pluck(true);
    const found: FiledRow[] = [];
    for (const periodKey of SqliteReportReader.inOrder(periodKeys)) {
      const rows = statement.all(formId, periodKey, ...units.params) as number[];
      for (let i = 0; i < rows.length; i += 1) {
        const packed = rows[i] as number;
        const unitId = Math.floor(packed / 2);
        found.push({ unitId, periodKey, late: packed - unitId * 2 === 1 });
      }
    }
    return found;
  }

  /**
   * The review state of each report of the given periods, one query per period, packed as one
   * number per row (unit id and state) like `filed`: a province digest reads it beside completeness.
   */
  reviewStates(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null = null): Array<{ unitId: number; periodKey: string; state: 'new' | 'accepted' | 'returned' }> {
    const units = SqliteReportReader.unitClause(unitIds);
    const packed = `"unitId" * 4 + (CASE "reviewState" WHEN 'accepted' THEN 1 WHEN 'returned' THEN 2 ELSE 0 END)`;
    const statement = this.statement(`SELECT ${packed} FROM "Submission" WHERE "formId" = ? AND "periodKey" = ?${units.sql}`).pluck(true);
    const states = ['new', 'accepted', 'returned'] as const;
    const found: Array<{ unitId: number; periodKey: string; state: 'new' | 'accepted' | 'returned' }> = [];
    for (const periodKey of SqliteReportReader.inOrder(periodKeys)) {
      for (const value of statement.all(formId, periodKey, ...units.params) as number[]) {
        const unitId = Math.floor(value / 4);
        found.push({ unitId, periodKey, state: states[value - unitId * 4] ?? 'new' });
      }
    }
    return found;
  }

  /** Rows as [unitId, periodKey, formVersion, answers JSON]: arrays, so that only the caller's objects are made. */
  answers(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null = null): AnswerTextRow[] {
    const units = SqliteReportReader.unitClause(unitIds);
    const sql = `SELECT "unitId", "periodKey", "formVersion", "answers" FROM "Submission" WHERE "formId" = ? AND "periodKey" IN (${SqliteReportReader.list(periodKeys)})${units.sql}`;
    return this.statement(sql).raw(true).all(formId, ...periodKeys, ...units.params) as AnswerTextRow[];
  }

  /**
   * The answers of a form's periods handed to `visit` as [unitId, answers JSON] with the period key,
   * one period at a time (so at most one period's rows are held, and no period key is read per row),
   * periods in key order, as `answers` lists them.
   */
  eachAnswer(formId: string, periodKeys: readonly string[], unitIds: readonly number[] | null, visit: (unitId: number, periodKey: string, answers: string) => void): void {
    const units = SqliteReportReader.unitClause(unitIds);
    const statement = this.statement(`SELECT "unitId", "answers" FROM "Submission" WHERE "formId" = ? AND "periodKey" = ?${units.sql}`).raw(true);
    for (const periodKey of SqliteReportReader.inOrder(periodKeys)) {
      const rows = statement.all(formId, periodKey, ...units.params) as Array<[number, string]>;
      for (let i = 0; i < rows.length; i += 1) {
        const row = rows[i] as [number, string];
        visit(row[0], periodKey, row[1]);
      }
    }
  }

  /**
   * Every unit's report version, as the database's triggers raise it whenever one of the unit's
   * reports is written (see the inbound path's migration); read over the primary key's range.
   */
  unitReportVersions(): Map<number, number> {
    const rows = this.statement(`SELECT substr("name", ${UNIT_REPORTS_PREFIX.length + 1}), "value" FROM "CacheVersion" WHERE "name" >= '${UNIT_REPORTS_PREFIX}' AND "name" < '${UNIT_VERSION_END}'`).raw(true).all() as Array<[string, number]>;
    return new Map(rows.map(([unitId, value]) => [Number(unitId), value]));
  }

  /** `count:sum` of every cache version (see ReportDataRepository.dataVersion). */
  dataVersion(): string {
    const [count, sum] = this.statement('SELECT count(*), total("value") FROM "CacheVersion"').raw(true).get() as [number, number];
    return `${count}:${sum}`;
  }

  /** One period's answers of some units, as [unitId, answers JSON]. */
  answersOfUnits(formId: string, periodKey: string, unitIds: readonly number[]): Array<[number, string]> {
    return this.statement(`SELECT "unitId", "answers" FROM "Submission" WHERE "formId" = ? AND "periodKey" = ? AND "unitId" IN (SELECT value FROM json_each(?))`).raw(true).all(formId, periodKey, JSON.stringify(unitIds)) as Array<[number, string]>;
  }

  /** Distinct keys in the order SQLite walks an `IN (...)` list on the index: ascending. */
  private static inOrder(keys: readonly string[]): string[] {
    return [...new Set(keys)].sort();
  }

  private static list(values: readonly unknown[]): string {
    return values.map(() => '?').join(', ');
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
    this.statements.clear();
  }
}
