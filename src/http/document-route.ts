/**
 * Compiled documents served over HTTP, for Zalo, whose bots cannot send a file: the chat gets a link
 * instead, to `GET /documents/<id>.docx` below PUBLIC_BASE_URL, kept 7 days.
 */
import type { Config } from '../config.ts';
import type { HttpServer } from './http-server.ts';
import { ServedFileStore } from './served-file-store.ts';
import { servedFilesFolder } from './served-files-folder.ts';

/** Where compiled documents are served from. */
export const DOCUMENT_PATH_PREFIX = '/documents/';

const CONTENT_TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Documents live beside the SQLite file, or under ./data with PostgreSQL (as the charts do). */
export function documentsFolder(config: Pick<Config, 'DATABASE_URL'>): string {
  return servedFilesFolder(config, 'documents');
}

/** Documents in a folder, named by random id and extension, downloaded as attachments. */
export class DocumentStore {
  readonly files: ServedFileStore;

  constructor(dir: string, publicBaseUrl: string, keepDays = 7) {
    this.files = new ServedFileStore({
      dir,
      publicBaseUrl,
      pathPrefix: DOCUMENT_PATH_PREFIX,
      keepDays,
      contentTypes: CONTENT_TYPES,
      headers: (extension) => ({ 'content-disposition': `attachment; filename="bao-cao.${extension}"`, 'cache-control': 'private, max-age=86400' }),
    });
  }

  /** Stores the bytes and returns the URL they can be fetched from. */
  publish(bytes: Buffer, extension: string, now: Date = new Date()): string {
    return this.files.publish(bytes, extension, now);
  }
}

/** Serves the store's documents at `GET /documents/<id>.<ext>`. */
export function registerDocumentRoute(http: HttpServer, store: DocumentStore): void {
  store.files.register(http);
}
