/**
 * Compiled documents served over HTTP, for Zalo, whose bots cannot send a file: the chat gets a link
 * instead. Each document is stored under an unguessable random id (128 bits), kept for a limited
 * time, at `GET /documents/<id>.docx` below PUBLIC_BASE_URL; an unknown id answers 404 and says
 * nothing more. The same pattern as the digest charts' route.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { servedFilesFolder } from './served-files-folder.ts';
import type { RawResponse } from './chart-route.ts';
import type { HttpServer } from './http-server.ts';

/** Where compiled documents are served from. */
export const DOCUMENT_PATH_PREFIX = '/documents/';

const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const DAY_MS = 86_400_000;
const CONTENT_TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Documents live beside the SQLite file, or under ./data with PostgreSQL (as the charts do). */
export function documentsFolder(config: Pick<Config, 'DATABASE_URL'>): string {
  return servedFilesFolder(config, 'documents');
}

/** Files in a folder, named by random id and extension; files older than `keepDays` are removed on publish. */
export class DocumentStore {
  private lastPrune = 0;

  constructor(
    private readonly dir: string,
    private readonly publicBaseUrl: string,
    private readonly keepDays = 7,
  ) {}

  /** Stores the bytes and returns the URL they can be fetched from. */
  publish(bytes: Buffer, extension: string, now: Date = new Date()): string {
    if (!CONTENT_TYPES[extension]) throw new Error(`unsupported document type: ${extension}`);
    mkdirSync(this.dir, { recursive: true });
    this.prune(now);
    const id = randomBytes(16).toString('base64url');
    writeFileSync(join(this.dir, `${id}.${extension}`), bytes);
    return `${this.publicBaseUrl.replace(/\/+$/, '')}${DOCUMENT_PATH_PREFIX}${id}.${extension}`;
  }

  /** The bytes of an id and extension, or null for an unknown, expired or malformed one. */
  read(id: string, extension: string): Buffer | null {
    if (!ID_PATTERN.test(id) || !CONTENT_TYPES[extension]) return null;
    try {
      return readFileSync(join(this.dir, `${id}.${extension}`));
    } catch {
      return null;
    }
  }

  private prune(now: Date): void {
    if (now.getTime() - this.lastPrune < DAY_MS / 24) return;
    this.lastPrune = now.getTime();
    const cutoff = now.getTime() - this.keepDays * DAY_MS;
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      try {
        if (statSync(path).mtimeMs < cutoff) unlinkSync(path);
      } catch {
        // Removed by another process meanwhile: nothing to do.
      }
    }
  }
}

/** The answer to `GET <path>`: the document as an attachment, or 404. */
export function documentResponse(store: Pick<DocumentStore, 'read'>, path: string): RawResponse {
  const match = path.startsWith(DOCUMENT_PATH_PREFIX) ? /^([^/.]+)\.([a-z]+)$/.exec(path.slice(DOCUMENT_PATH_PREFIX.length)) : null;
  const bytes = match ? store.read(match[1] as string, match[2] as string) : null;
  if (!match || !bytes) return { status: 404, contentType: 'text/plain; charset=utf-8', body: Buffer.from('not found') };
  const extension = match[2] as string;
  return {
    status: 200,
    contentType: CONTENT_TYPES[extension] as string,
    body: bytes,
    headers: { 'content-disposition': `attachment; filename="bao-cao.${extension}"`, 'cache-control': 'private, max-age=86400' },
  };
}

/** Serves the store's documents at `GET /documents/<id>.<ext>`. */
export function registerDocumentRoute(http: HttpServer, store: Pick<DocumentStore, 'read'>): void {
  http.routePrefix('GET', DOCUMENT_PATH_PREFIX, (request) => documentResponse(store, request.path));
}
