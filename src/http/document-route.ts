/**
 * Compiled documents served over HTTP, for Zalo, whose bots cannot send a file: the chat gets a link
 * instead, to `GET /documents/<id>.docx` below PUBLIC_BASE_URL, kept 7 days.
 */
import type { Config } from '../config.ts';
import { ServedFileStore } from './served-file-store.ts';
import { servedFilesFolder } from './served-files-folder.ts';

const CONTENT_TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The compiled documents' store, beside the SQLite file (or under ./data with PostgreSQL), downloaded
 * as attachments; none without PUBLIC_BASE_URL, since a link needs a public address.
 */
export function documentStore(config: Pick<Config, 'DATABASE_URL' | 'PUBLIC_BASE_URL'>, keepDays = 7): ServedFileStore | undefined {
  if (!config.PUBLIC_BASE_URL) return undefined;
  return new ServedFileStore({
    dir: servedFilesFolder(config, 'documents'),
    publicBaseUrl: config.PUBLIC_BASE_URL,
    pathPrefix: '/documents/',
    keepDays,
    contentTypes: CONTENT_TYPES,
    headers: (extension) => ({ 'content-disposition': `attachment; filename="bao-cao.${extension}"`, 'cache-control': 'private, max-age=86400' }),
  });
}
