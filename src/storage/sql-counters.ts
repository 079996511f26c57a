/**
 * How many SQL statements and write transactions this process ran, across the ORM's connections and
 * the raw ones: the operator's `/metrics` shows them, and the inbound benchmark divides them by the
 * updates handled. Transaction control (BEGIN, COMMIT, ROLLBACK) is counted as transactions, not
 * statements.
 */
export const sqlCounters = { statements: 0, transactions: 0 };

const CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

/** Counts one statement as the ORM reports it. */
export function countQuery(sql: string): void {
  if (!CONTROL.test(sql)) sqlCounters.statements += 1;
  else if (/^\s*COMMIT\b/i.test(sql)) sqlCounters.transactions += 1;
}
