import type Database from 'better-sqlite3';
import type { DirectoryEntry, SeenUpdate, StepSnapshot, SubmissionWrite, UpdateKey, UpdateWrites } from '../../app/inbound/inbound-store.ts';
import type { ChannelName, SubmissionSummary } from '../../app/ports.ts';
import type { RoleName } from '../../domain/organisation/vocabulary.ts';
import type { PrismaClient } from '../database.ts';
import { openSqlite } from '../sqlite-file.ts';
import { sqlCounters } from '../sql-counters.ts';
import { PrismaInboundStore, UNIT_REPORTS_PREFIX } from './inbound-store-prisma.ts';
import { parseStoredAnswers } from './stored-answers.ts';

/** How long a write waits, in all, for another connection's transaction to finish. */
const WRITE_WAIT_MS = 5000;

/** Everything an update needs to start, in one statement; the account's contact is found inside it. */
const SNAPSHOT_SQL = `WITH "account" AS (SELECT "contactId" FROM "ChannelIdentity" WHERE "channel" = @channel AND "userId" = @userId)
  SELECT
  (SELECT "fingerprint" || char(31) || "status" FROM "InboundUpdate" WHERE "channel" = @channel AND "botKey" = @botKey AND "updateKey" = @updateKey),
  (SELECT "value" FROM "CacheVersion" WHERE "name" = 'directory'),
  (SELECT group_concat(substr("name", ${UNIT_REPORTS_PREFIX.length + 1}) || '=' || "value") FROM "CacheVersion" WHERE "name" IN
    (SELECT '${UNIT_REPORTS_PREFIX}' || "unitId" FROM "Role" WHERE "role" = 'reporter' AND "contactId" = (SELECT "contactId" FROM "account"))),
  (SELECT "stateVersion" || char(31) || "state" FROM "DialogState" WHERE "contactId" = (SELECT "contactId" FROM "account")),
  (SELECT 1 FROM "ReviewPrompt" WHERE "contactId" = (SELECT "contactId" FROM "account"))`;

/**
 * An account with its contact, every role, and the periods reopened for the units the contact reports
 * for (as JSON; the directory's version covers them), in one read (rows repeat the contact per role).
 */
const CONTACT_SQL = `SELECT i."id", i."chatId", i."lastSeenAt", i."unreachableAt", c."id", c."name", c."locale", c."active", c."lastChannel",
    r."role", r."unitId", u."code", u."name", u."active",
    (SELECT json_group_array(json_array(p."unitId", p."formId", p."periodKey", p."until")) FROM "PeriodReopening" p
      WHERE p."unitId" IN (SELECT "unitId" FROM "Role" WHERE "contactId" = c."id" AND "role" = 'reporter'))
  FROM "ChannelIdentity" i JOIN "Contact" c ON c."id" = i."contactId"
    LEFT JOIN "Role" r ON r."contactId" = c."id" LEFT JOIN "Unit" u ON u."id" = r."unitId"
  WHERE i."channel" = ? AND i."userId" = ? ORDER BY r."id"`;

type ContactRow = [number, string, string, string | null, number, string, string, number, string | null, string | null, number | null, string | null, string | null, number | null, string];

/** A report as the dialog needs it: the current revision's answers and review state. */
const SUMMARY_COLUMNS = `s."unitId", s."formId", s."periodKey", s."answers", s."formVersion", s."submittedAt", s."late", s."currentRevision", s."reviewState", s."reviewReason"`;
type SummaryRow = [number, string, string, string, number, string | number, number, number, string, string | null];

/** Reports by (unit, form, period), the keys given as a JSON array of triples: one statement, each key an index lookup. */
const SUBMISSIONS_SQL = `SELECT ${SUMMARY_COLUMNS} FROM json_each(?) k JOIN "Submission" s
  ON s."unitId" = k.value ->> 0 AND s."formId" = k.value ->> 1 AND s."periodKey" = k.value ->> 2`;

/** Reports of some units (a JSON array of ids) returned for amendment, whatever their period. */
const RETURNED_SQL = `SELECT ${SUMMARY_COLUMNS} FROM "Submission" s WHERE s."unitId" IN (SELECT value FROM json_each(?)) AND s."reviewState" = 'returned' ORDER BY s."id"`;

function toSummary([unitId, formId, periodKey, answers, formVersion, submittedAt, late, revision, reviewState, reviewReason]: SummaryRow): SubmissionSummary {
  return { unitId, formId, periodKey, answers: parseStoredAnswers(answers), formVersion, submittedAt: new Date(submittedAt), late: late === 1, revision, reviewState, reviewReason };
}

/** A done record with the same fingerprint is a repeat: the upsert then changes nothing. */
const RECORD_SQL = `INSERT INTO "InboundUpdate" ("channel", "botKey", "updateKey", "fingerprint", "payload", "status", "receivedAt", "processedAt")
  VALUES (?, ?, ?, ?, NULL, ?, ?, ?)
  ON CONFLICT ("channel", "botKey", "updateKey") DO UPDATE SET
    "fingerprint" = excluded."fingerprint", "status" = excluded."status", "payload" = NULL, "processedAt" = excluded."processedAt"
  WHERE "InboundUpdate"."status" = 'pending' OR "InboundUpdate"."fingerprint" <> excluded."fingerprint"`;

const DIALOG_SQL = `INSERT INTO "DialogState" ("contactId", "stateVersion", "state", "updatedAt") VALUES (?, ?, ?, ?)
  ON CONFLICT ("contactId") DO UPDATE SET "stateVersion" = excluded."stateVersion", "state" = excluded."state", "updatedAt" = excluded."updatedAt"`;

/**
 * A report as a new revision, in one statement: the first creates the submission at revision 1, an
 * amendment moves it to the next revision, which waits for review again whatever the last verdict
 * was. It stays late only if its first version was. Answers the submission's id and revision.
 */
const SUBMISSION_SQL = `INSERT INTO "Submission" ("unitId", "formId", "periodKey", "currentRevision", "formVersion", "answers", "firstSubmittedAt", "submittedAt", "late", "createdAt", "updatedAt")
  VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT ("unitId", "formId", "periodKey") DO UPDATE SET "currentRevision" = "Submission"."currentRevision" + 1,
    "formVersion" = excluded."formVersion", "answers" = excluded."answers", "submittedAt" = excluded."submittedAt", "updatedAt" = excluded."updatedAt",
    "reviewState" = 'new', "reviewReason" = NULL
  RETURNING "id", "currentRevision"`;

const PENDING_SQL = `INSERT INTO "InboundUpdate" ("channel", "botKey", "updateKey", "fingerprint", "payload", "status", "receivedAt")
  VALUES (?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT ("channel", "botKey", "updateKey") DO NOTHING`;

/** Dates as Prisma's SQLite adapter writes them, so both read the same rows the same way. */
const sqliteDate = (date: Date) => date.toISOString().replace('Z', '+00:00');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The inbound pipeline's storage on SQLite, in plain prepared statements on a connection of its own:
 * one read at the start of an update, one short write transaction at the end, and one read for a
 * contact the directory cache does not hold. The ORM costs more per call than the whole dialog step.
 * (PostgreSQL, with several workers, goes through the ORM: see PrismaInboundStore.)
 *
 * The connection never waits on a lock inside a statement (a wait would block the event loop while the
 * ORM's connection, which may hold the lock, needs it to finish): a busy database is retried after a
 * short sleep instead.
 */
export class SqliteInboundStore extends PrismaInboundStore {
  private db: Database.Database | undefined;
  private readonly statements = new Map<string, Database.Statement>();
  /** Updates waiting for the next group commit. */
  private readonly waiting: Array<{ writes: UpdateWrites; resolve: (written: boolean) => void; reject: (error: unknown) => void }> = [];

  constructor(
    prisma: PrismaClient,
    private readonly path: string,
  ) {
    super(prisma);
  }

  override async snapshot(key: UpdateKey, account: { userId: string }): Promise<StepSnapshot> {
    const row = this.run(SNAPSHOT_SQL).raw(true).get({ channel: key.channel, botKey: key.botKey, updateKey: key.updateKey, userId: account.userId }) as [string | null, number | null, string | null, string | null, number | null];
    const [seen, directory, unitVersions, dialog, followUp] = row;
    const [fingerprint = '', status = 'done'] = seen === null ? [] : seen.split('\u001f');
    const split = dialog === null ? -1 : dialog.indexOf('\u001f');
    const reportVersions = new Map<number, number>();
    for (const pair of unitVersions?.split(',') ?? []) {
      const [unitId, version] = pair.split('=');
      reportVersions.set(Number(unitId), Number(version));
    }
    return {
      seen: seen === null ? null : { fingerprint, status: status as SeenUpdate['status'] },
      directoryVersion: directory ?? 0,
      reportVersions,
      dialog: dialog === null ? null : { version: Number(dialog.slice(0, split)), state: dialog.slice(split + 1) },
      followUp: followUp === 1,
    };
  }

  override async findContact(channel: ChannelName, userId: string): Promise<DirectoryEntry | null> {
    const rows = this.run(CONTACT_SQL).raw(true).all(channel, userId) as ContactRow[];
    const first = rows[0];
    if (!first || first[7] !== 1) return null;
    const [identityId, chatId, lastSeenAt, unreachableAt, contactId, name, locale, , lastChannel, , , , , , reopenedJson] = first;
    const roles = rows.flatMap(([, , , , , , , , , role, unitId, unitCode, unitName, unitActive]) =>
      role !== null && unitId !== null && unitActive === 1 ? [{ role: role as RoleName, unitId, unitCode: unitCode ?? '', unitName: unitName ?? '' }] : [],
    );
    const reopened = (JSON.parse(reopenedJson) as Array<[number, string, string, string | number]>).map(([unitId, formId, periodKey, until]) => ({ unitId, formId, periodKey, until: new Date(until) }));
    return {
      reopened,
      contact: { id: contactId, name, locale: locale === 'en' ? 'en' : 'vi', roles },
      identityId,
      chatId,
      lastSeenAt: new Date(lastSeenAt),
      unreachable: unreachableAt !== null,
      lastChannel,
    };
  }

  override async findSubmissions(keys: Array<{ unitId: number; formId: string; periodKey: string }>): Promise<SubmissionSummary[]> {
    if (keys.length === 0) return [];
    const triples = JSON.stringify(keys.map((key) => [key.unitId, key.formId, key.periodKey]));
    return (this.run(SUBMISSIONS_SQL).raw(true).all(triples) as SummaryRow[]).map(toSummary);
  }

  override async findReturned(unitIds: readonly number[]): Promise<SubmissionSummary[]> {
    if (unitIds.length === 0) return [];
    return (this.run(RETURNED_SQL).raw(true).all(JSON.stringify(unitIds)) as SummaryRow[]).map(toSummary);
  }

  /**
   * Updates finishing in the same turn of the event loop share one transaction (a group commit):
   * committing costs more than the rows, and many chats at once finish together. Each update is still
   * written whole or not at all.
   */
  override commit(writes: UpdateWrites): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ writes, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting.splice(0);
    try {
      const written = await this.withWriteLock(() => this.inTransaction(() => batch.map((item) => this.writeOne(item.writes))));
      batch.forEach((item, index) => item.resolve(written[index] ?? false));
    } catch (error) {
      if (batch.length === 1) return batch[0]?.reject(error);
      // One update's rows were refused: each is written on its own, so only that one fails.
      for (const item of batch) await this.withWriteLock(() => this.inTransaction(() => this.writeOne(item.writes))).then(item.resolve, item.reject);
    }
  }

  private inTransaction<T>(work: () => T): T {
    const db = this.connection();
    this.control('BEGIN IMMEDIATE').run();
    try {
      const result = work();
      this.control('COMMIT').run();
      sqlCounters.transactions += 1;
      return result;
    } catch (error) {
      if (db.inTransaction) this.control('ROLLBACK').run();
      throw error;
    }
  }

  override async storePending(key: UpdateKey, fingerprint: string, payload: string, now: Date): Promise<boolean> {
    return this.withWriteLock(() => this.run(PENDING_SQL).run(key.channel, key.botKey, key.updateKey, fingerprint, payload, sqliteDate(now)).changes === 1);
  }

  /** One update's rows; false, with nothing written, when its record shows it handled already. */
  private writeOne(writes: UpdateWrites): boolean {
    const { update, now, dialog, locale, presence } = writes;
    const at = sqliteDate(now);
    const recorded = this.run(RECORD_SQL).run(update.channel, update.botKey, update.updateKey, update.fingerprint, update.status, at, at);
    if (recorded.changes === 0) return false;
    if (dialog) this.run(DIALOG_SQL).run(dialog.contactId, dialog.version, dialog.state, at);
    for (const submission of writes.submissions ?? []) this.writeSubmission(submission, at);
    if (locale) this.run('UPDATE "Contact" SET "locale" = ?, "updatedAt" = ? WHERE "id" = ?').run(locale.locale, at, locale.contactId);
    if (presence) {
      const seenAt = sqliteDate(presence.lastSeenAt);
      if (presence.clearUnreachable) {
        this.run('UPDATE "ChannelIdentity" SET "chatId" = ?, "lastSeenAt" = ?, "unreachableAt" = NULL, "unreachableReason" = NULL WHERE "id" = ?').run(presence.chatId, seenAt, presence.identityId);
      } else {
        this.run('UPDATE "ChannelIdentity" SET "chatId" = ?, "lastSeenAt" = ? WHERE "id" = ?').run(presence.chatId, seenAt, presence.identityId);
      }
      if (presence.lastChannel) this.run('UPDATE "Contact" SET "lastChannel" = ?, "updatedAt" = ? WHERE "id" = ?').run(presence.lastChannel, at, presence.contactId);
    }
    return true;
  }

  /** The submission (see SUBMISSION_SQL), then its revision, which is never changed afterwards. */
  private writeSubmission(write: SubmissionWrite, at: string): void {
    const answers = JSON.stringify(write.answers);
    const [submissionId, revision] = this.run(SUBMISSION_SQL).raw(true).get(write.unitId, write.formId, write.periodKey, write.formVersion, answers, at, at, write.late ? 1 : 0, at, at) as [number, number];
    this.run('INSERT INTO "SubmissionRevision" ("submissionId", "revision", "formVersion", "answers", "submittedAt", "late", "contactId", "channel", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      submissionId, revision, write.formVersion, answers, at, write.late ? 1 : 0, write.contactId, write.channel, at,
    );
  }

  /** Runs a write, retrying while another connection holds the database's write lock. */
  private async withWriteLock<T>(write: () => T): Promise<T> {
    const deadline = Date.now() + WRITE_WAIT_MS;
    for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
      try {
        return write();
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      }
      await sleep(delay);
    }
  }

  private connection(): Database.Database {
    if (!this.db) {
      this.db = openSqlite(this.path);
      this.db.pragma('busy_timeout = 0');
    }
    return this.db;
  }

  /** Transaction control, prepared once and not counted as a statement. */
  private control(sql: 'BEGIN IMMEDIATE' | 'COMMIT' | 'ROLLBACK'): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.connection().prepare(sql)));
    return statement;
  }

  private run(sql: string): Database.Statement {
    sqlCounters.statements += 1;
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection().prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
    this.statements.clear();
  }
}
