/**
 * Generated chart images served over HTTP, for Zalo: its Bot API sends a photo by public URL, not
 * by upload. Each chart is a PNG file under an unguessable random id (128 bits), kept for a limited
 * time, at `GET /charts/<id>.png` below the configured PUBLIC_BASE_URL.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HttpServer } from './http-server.ts';

/** Where generated charts are served from. */
export const CHART_PATH_PREFIX = '/charts/';

const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const DAY_MS = 86_400_000;

/** Publishes a PNG and returns the URL it can be fetched from. */
export interface ChartPublisher {
  publish(png: Buffer, now?: Date): string;
}

/** A response with raw bytes (the HTTP server sends a Buffer body as is when a content type is given). */
export interface RawResponse {
  status: number;
  contentType: string;
  body: Buffer;
  headers?: Record<string, string>;
}

/** Chart PNGs in a folder, named by random id; files older than `keepDays` are removed on publish. */
export class ChartStore implements ChartPublisher {
  private lastPrune = 0;

  constructor(
    private readonly dir: string,
    private readonly publicBaseUrl: string,
    private readonly keepDays = 30,
  ) {}

  publish(png: Buffer, now: Date = new Date()): string {
    mkdirSync(this.dir, { recursive: true });
    this.prune(now);
    const id = randomBytes(16).toString('base64url');
    writeFileSync(join(this.dir, `${id}.png`), png);
    return `${this.publicBaseUrl.replace(/\/+$/, '')}${CHART_PATH_PREFIX}${id}.png`;
  }

  /** The PNG of an id, or null for an unknown, expired or malformed id. */
  read(id: string): Buffer | null {
    if (!ID_PATTERN.test(id)) return null;
    try {
      return readFileSync(join(this.dir, `${id}.png`));
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
        if (name.endsWith('.png') && statSync(path).mtimeMs < cutoff) unlinkSync(path);
      } catch {
        // Removed by another process meanwhile: nothing to do.
      }
    }
  }
}

/** The answer to `GET <path>`: the PNG, or 404 without saying why. */
export function chartResponse(store: Pick<ChartStore, 'read'>, path: string): RawResponse {
  const match = path.startsWith(CHART_PATH_PREFIX) ? /^([^/]+)\.png$/.exec(path.slice(CHART_PATH_PREFIX.length)) : null;
  const png = match ? store.read(match[1] as string) : null;
  if (!png) return { status: 404, contentType: 'text/plain; charset=utf-8', body: Buffer.from('not found') };
  return { status: 200, contentType: 'image/png', body: png, headers: { 'cache-control': 'public, max-age=86400' } };
}

/** Serves the store's charts at `GET /charts/<id>.png`. */
export function registerChartRoute(http: HttpServer, store: Pick<ChartStore, 'read'>): void {
  http.routePrefix('GET', CHART_PATH_PREFIX, (request) => chartResponse(store, request.path));
}
