/** Says plainly, once per run, when the PostgreSQL suite is skipped. */
export default function setup(): void {
  if (!process.env.TEST_POSTGRES_URL) {
    process.stdout.write('\nPostgreSQL suite skipped: no TEST_POSTGRES_URL (start a server with scripts/test-postgres.sh start).\n\n');
  } else {
    process.stdout.write('\nPostgreSQL suite: running against TEST_POSTGRES_URL as well as SQLite.\n\n');
  }
}
