// @ts-expect-error: a plain JavaScript build script, without type declarations.
import { build, buildIsStale } from '../scripts/build.mjs';

/**
 * Builds dist/ when a source is newer (the command-line and process tests run the compiled program, as
 * `npm start` does), and says plainly, once per run, when the PostgreSQL suite is skipped.
 */
export default function setup(): void {
  if ((buildIsStale as () => boolean)()) (build as () => void)();
  if (!process.env.TEST_POSTGRES_URL) {
    process.stdout.write('\nPostgreSQL suite skipped: no TEST_POSTGRES_URL (start a server with scripts/test-postgres.sh start).\n\n');
  } else {
    process.stdout.write('\nPostgreSQL suite: running against TEST_POSTGRES_URL as well as SQLite.\n\n');
  }
}
