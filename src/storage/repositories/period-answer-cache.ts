import type { Answers } from '../../domain/index.ts';
import type { SqliteReportReader } from './report-sqlite-reader.ts';
import { parseStoredAnswers } from './stored-answers.ts';

/** Rows kept in all (about 12 MB for a province's two years of monthly figures); the least used periods go first. */
const MAX_KEPT_ROWS = 150_000;

interface KeptPeriod {
  /** Each unit's parsed answers, in the order first read. */
  rows: Map<number, Answers>;
  /** Units whose reports changed since the rows were read: read again before the next use. */
  stale: Set<number>;
}

/**
 * Whole periods of a form's answers, parsed, kept between digests: the dashboard's overview and the
 * weekly digest read the same tens of thousands of reports again and again while only a few change.
 * Each use first reads every unit's report version (one indexed scan of a small table); a unit whose
 * version moved has its rows read again in every kept period before they are used, so what is handed
 * out is never older than the versions read at the start of the use. The versions are read before
 * the rows, so a report written in between is read again next time, never missed.
 */
export class PeriodAnswerCache {
  private versions = new Map<number, number>();
  private readonly periods = new Map<string, KeptPeriod>();
  private keptRows = 0;

  constructor(private readonly reader: SqliteReportReader) {}

  /** Notes the units whose reports changed since the last use. */
  refresh(): void {
    const current = this.reader.unitReportVersions();
    const changed: number[] = [];
    for (const [unitId, version] of current) if (this.versions.get(unitId) !== version) changed.push(unitId);
    this.versions = current;
    if (changed.length === 0) return;
    for (const kept of this.periods.values()) for (const unitId of changed) kept.stale.add(unitId);
  }

  /** Whether any period is kept (a small scope's read then needs no versions). */
  get isEmpty(): boolean {
    return this.periods.size === 0;
  }

  has(formId: string, periodKey: string): boolean {
    return this.periods.has(keyOf(formId, periodKey));
  }

  /** A period's rows, read whole when not kept, brought up to date when kept. */
  rows(formId: string, periodKey: string): Map<number, Answers> {
    const key = keyOf(formId, periodKey);
    let kept = this.periods.get(key);
    if (!kept) {
      const rows = new Map<number, Answers>();
      this.reader.eachAnswer(formId, [periodKey], null, (unitId, _period, text) => rows.set(unitId, parseStoredAnswers(text)));
      kept = { rows, stale: new Set() };
      this.keptRows += rows.size;
    } else {
      // Most recently used last, so eviction takes the oldest first.
      this.periods.delete(key);
      if (kept.stale.size) this.update(formId, periodKey, kept);
    }
    this.periods.set(key, kept);
    this.evict(key);
    return kept.rows;
  }

  private update(formId: string, periodKey: string, kept: KeptPeriod): void {
    const units = [...kept.stale];
    kept.stale.clear();
    for (const unitId of units) if (kept.rows.delete(unitId)) this.keptRows -= 1;
    for (const [unitId, text] of this.reader.answersOfUnits(formId, periodKey, units)) {
      kept.rows.set(unitId, parseStoredAnswers(text));
      this.keptRows += 1;
    }
  }

  private evict(keep: string): void {
    for (const [key, kept] of this.periods) {
      if (this.keptRows <= MAX_KEPT_ROWS || key === keep) break;
      this.periods.delete(key);
      this.keptRows -= kept.rows.size;
    }
  }
}

const keyOf = (formId: string, periodKey: string) => `${formId}|${periodKey}`;
