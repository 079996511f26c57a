import { dirname, join } from 'node:path';
import { isPostgresUrl, sqlitePathOf, type Config } from '../config.ts';

/** Files the bot serves (Zalo's digest charts, compiled reports) live beside the SQLite file, or under ./data. */
export function servedFilesFolder(config: Pick<Config, 'DATABASE_URL'>, name: string): string {
  return isPostgresUrl(config.DATABASE_URL) ? join('data', name) : join(dirname(sqlitePathOf(config.DATABASE_URL)), name);
}
