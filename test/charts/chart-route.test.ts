import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { CHART_PATH_PREFIX, ChartStore } from '../../src/http/chart-route.ts';
import { HttpServer } from '../../src/http/http-server.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { existsSync, readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

const tempDir = useTempDirs();
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

describe('the chart route', () => {
  it('should publish a chart under an unguessable id below the public address and serve it back', () => {
    const store = new ChartStore(tempDir(), 'https://bot.example.vn/');
    const url = store.publish(png);
    expect(url).toMatch(/^https:\/\/bot\.example\.vn\/charts\/[A-Za-z0-9_-]{22}\.png$/);
    const path = new URL(url).pathname;
    const response = store.files.response(path);
    expect(response).toMatchObject({ status: 200, contentType: 'image/png' });
    expect(response.body.equals(png)).toBe(true);
    expect(store.publish(png)).not.toBe(url);
  });

  it('should answer 404 for unknown, malformed or path-escaping ids', () => {
    const store = new ChartStore(tempDir(), 'https://bot.example.vn');
    for (const path of ['/charts/AAAAAAAAAAAAAAAAAAAAAA.png', '/charts/../digest.db', '/charts/abc.png', '/charts/', '/other']) {
      expect(store.files.response(path).status).toBe(404);
    }
  });

  it('should remove charts older than the keeping time when publishing', () => {
    const dir = tempDir();
    const store = new ChartStore(dir, 'https://bot.example.vn', 30);
    const old = new URL(store.publish(png, new Date('2026-01-01T00:00:00Z'))).pathname.slice(CHART_PATH_PREFIX.length);
    utimesSync(join(dir, old), new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    store.publish(png, new Date('2026-03-01T00:00:00Z'));
    expect(existsSync(join(dir, old))).toBe(false);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('should serve a published chart over HTTP, and 404 for anything else', async () => {
    const store = new ChartStore(tempDir(), 'https://bot.example.vn');
    const url = store.publish(png);
    const http = new HttpServer(createLogger({ level: 'silent', pretty: false, secrets: [], destination: new PassThrough() }));
    store.files.register(http);
    const { port } = await http.listen('127.0.0.1', 0);
    try {
      const response = await fetch(`http://127.0.0.1:${port}${new URL(url).pathname}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/charts/AAAAAAAAAAAAAAAAAAAAAA.png`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/charts/../../etc/passwd`)).status).toBe(404);
    } finally {
      await http.close();
    }
  });
});
