import type { SharedSendBudget } from '../../app/outbox-ports.ts';
import type { PrismaClient } from '../database.ts';

/** The database's clock in UTC, the zone every stored time is in. */
const DB_NOW = `(clock_timestamp() AT TIME ZONE 'UTC')`;

/**
 * The shared send budget as one row per bucket, on PostgreSQL (one SQLite process paces in memory).
 * A turn is a single statement: the row locks order concurrent workers, nobody retries or loses a race.
 */
export class SendBudgetRepository implements SharedSendBudget {
  constructor(private readonly prisma: PrismaClient) {}

  async reserve(bucket: string, gapMs: number, chatBucket: string, chatGapMs: number): Promise<{ waitMs: number; chatFree: boolean }> {
    const ms = (param: string) => `${param} * INTERVAL '1 millisecond'`;
    const rows = await this.prisma.$queryRawUnsafe<Array<{ waitMs: number; chatFree: number }>>(
      `WITH "slot" AS (
         INSERT INTO "SendBudget" ("bucket", "at") VALUES ($1, ${DB_NOW} + ${ms('$2')})
         ON CONFLICT ("bucket") DO UPDATE SET "at" = GREATEST("SendBudget"."at", ${DB_NOW}) + ${ms('$2')}
         RETURNING "at" - ${ms('$2')} AS "slotAt"
       ), "chat" AS (
         INSERT INTO "SendBudget" ("bucket", "at") SELECT $3, "slotAt" FROM "slot"
         ON CONFLICT ("bucket") DO UPDATE SET "at" = EXCLUDED."at" WHERE "SendBudget"."at" <= EXCLUDED."at" - ${ms('$4')}
         RETURNING 1
       )
       SELECT (EXTRACT(EPOCH FROM ("slotAt" - ${DB_NOW})) * 1000)::float8 AS "waitMs", (SELECT count(*) FROM "chat")::int AS "chatFree" FROM "slot"`,
      bucket,
      gapMs,
      chatBucket,
      chatGapMs,
    );
    const row = rows[0];
    return { waitMs: Math.max(0, row?.waitMs ?? 0), chatFree: (row?.chatFree ?? 0) > 0 };
  }

  async prune(idleMs: number): Promise<void> {
    await this.prisma.$executeRawUnsafe(`DELETE FROM "SendBudget" WHERE "at" < ${DB_NOW} - $1 * INTERVAL '1 millisecond'`, idleMs);
  }
}
