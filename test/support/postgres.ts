import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL server the suite may use: TEST_POSTGRES_URL (CI starts one with
 * scripts/test-postgres.sh). Without it the PostgreSQL tests are skipped, and the run says so; in CI
 * a missing server is an error, so the suite never silently skips there.
 */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || undefined;

if (!TEST_POSTGRES_URL && process.env.CI === 'true' && process.env.ALLOW_POSTGRES_SKIP !== 'true') {
  throw new Error('CI must provide TEST_POSTGRES_URL (scripts/test-postgres.sh start)');
}

/** The database engines a storage test runs against: always SQLite, PostgreSQL when there is a server. */
export const DATABASE_KINDS: Array<'sqlite' | 'postgresql'> = TEST_POSTGRES_URL ? ['sqlite', 'postgresql'] : ['sqlite'];

/** A new, empty database on the test server, dropped by the returned function. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!TEST_POSTGRES_URL) throw new Error('no TEST_POSTGRES_URL');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
