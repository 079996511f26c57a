/**
 * Files the bot serves over HTTP below PUBLIC_BASE_URL, for Zalo, whose bots send a photo or a file
 * by link, not by upload: the digest's charts and the compiled reports. Each file is stored under an
 * unguessable random id (128 bits) with an extension from a fixed list, and kept for a limited time
 * (older files go when a new one is published, at most once an hour); an unknown, expired or
 * malformed name answers 404 and says nothing more.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { HttpServer } from './http-server.ts';

const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const DAY_MS = 86_400_000;

/** A response with raw bytes (the HTTP server sends a Buffer body as is when a content type is given). */
export interface RawResponse {
  status: number;
  contentType: string;
  body: Buffer;
  headers?: Record<string, string>;
}

export interface ServedFileOptions {
  /** The folder the files are kept in. */
  dir: string;
  publicBaseUrl: string;
  /** Where they are served, e.g. `/charts/`. */
  pathPrefix: string;
  keepDays: number;
  /** The extensions served, with their content types. */
  contentTypes: Readonly<Record<string, string>>;
  /** Headers of a served file, by extension (caching, download name). */
  headers: (extension: string) => Record<string, string>;
}

export class ServedFileStore {
  private lastPrune = 0;

  constructor(private readonly options: ServedFileOptions) {}

  /** Stores the bytes and returns the URL they can be fetched from. */
  publish(bytes: Buffer, extension: string, now: Date = new Date()): string {
    if (!this.options.contentTypes[extension]) throw new Error(`unsupported file type: ${extension}`);
    mkdirSync(this.options.dir, { recursive: true });
    this.prune(now);
    const id = randomBytes(16).toString('base64url');
    writeFileSync(join(this.options.dir, `${id}.${extension}`), bytes);
    return `${this.options.publicBaseUrl.replace(/\/+$/, '')}${this.options.pathPrefix}${id}.${extension}`;
  }

  /** The bytes of an id and extension, or null for an unknown, expired or malformed one. */
  read(id: string, extension: string): Buffer | null {
    if (!ID_PATTERN.test(id) || !this.options.contentTypes[extension]) return null;
    try {
      return readFileSync(join(this.options.dir, `${id}.${extension}`));
    } catch {
      return null;
    }
  }

  /** The answer to `GET <path>`: the file, or 404 without saying why. */
  response(path: string): RawResponse {
    const match = path.startsWith(this.options.pathPrefix) ? /^([^/.]+)\.([a-z]+)$/.exec(path.slice(this.options.pathPrefix.length)) : null;
    const extension = match?.[2] ?? '';
    const bytes = match ? this.read(match[1] as string, extension) : null;
    if (!bytes) return { status: 404, contentType: 'text/plain; charset=utf-8', body: Buffer.from('not found') };
    return { status: 200, contentType: this.options.contentTypes[extension] as string, body: bytes, headers: this.options.headers(extension) };
  }

  /** Serves the files at `GET <pathPrefix><id>.<extension>`. */
  register(http: HttpServer): void {
    http.routePrefix('GET', this.options.pathPrefix, (request) => this.response(request.path));
  }

  private prune(now: Date): void {
    if (now.getTime() - this.lastPrune < DAY_MS / 24) return;
    this.lastPrune = now.getTime();
    const cutoff = now.getTime() - this.options.keepDays * DAY_MS;
    for (const name of readdirSync(this.options.dir)) {
      if (!this.options.contentTypes[extname(name).slice(1)]) continue;
      const path = join(this.options.dir, name);
      try {
        if (statSync(path).mtimeMs < cutoff) unlinkSync(path);
      } catch {
        // Removed by another process meanwhile: nothing to do.
      }
    }
  }
}
