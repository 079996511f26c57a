import type { ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RawHttpClient, requestHead } from '../support/raw-http-client.ts';
import { killStartedBots, startBot } from '../support/run-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
afterEach(killStartedBots);

/** Waits for the bot's "ready" log line and returns the port it printed. */
function waitForReady(child: ChildProcess): Promise<{ port: number; log: () => string }> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      // The ready line, logged once everything has started (an earlier line gives the address while starting).
      const match = output.match(/(?:sẵn sàng|is ready)[^\n]*127\.0\.0\.1:(\d+)\/healthz/);
      if (match) {
        clearTimeout(timer);
        resolve({ port: Number(match[1]), log: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`bot exited with ${code}:\n${output}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('npm start', () => {
  it('should migrate, seed, answer /healthz with JSON and stop cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const child = startBot({ DATABASE_URL: `file:${join(dir, 'bot.db')}`, HTTP_PORT: '0' }, dir);
    const { port, log } = await waitForReady(child);
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      status: 'ok',
      database: 'up',
      channels: { telegram: 'off', zalo: 'off', console: 'off' },
    });
    expect(log()).toContain('TELEGRAM_BOT_TOKEN');
    // /healthz answered already while the bot was starting, as soon as the database was ready.
    expect(log().indexOf('Đang khởi động')).toBeLessThan(log().indexOf('sẵn sàng'));
    expect((await fetch(`http://127.0.0.1:${port}/nowhere`)).status).toBe(404);
    // The metrics page: counters, and memory as gauges an operator can alert on.
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('# TYPE bot_inbound_updates_total counter');
    expect(metrics).toContain('# TYPE process_resident_memory_bytes gauge');
    expect(Number(/^process_resident_memory_bytes (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(10 * 1024 * 1024);
    expect(Number(/^nodejs_heap_used_bytes (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('should stop with a clear message when the data folder cannot be written', async () => {
    const dir = tempDir();
    const blocker = join(dir, 'data');
    writeFileSync(blocker, 'a file where the data folder should be');
    const child = startBot({ DATABASE_URL: `file:${join(blocker, 'bot.db')}`, HTTP_PORT: '0' }, dir);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    expect(await exitOf(child)).toBe(1);
    expect(stderr).toContain('DATABASE_URL');
    expect(stderr).toContain(blocker);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('should check every setting, schedules and time ranges included, before anything starts', async () => {
    const dir = tempDir();
    const database = join(dir, 'bot.db');
    const child = startBot({ DATABASE_URL: `file:${database}`, HTTP_PORT: '0', DIGEST_SCHEDULE: '0 25 * * 1', QUIET_HOURS: '07:00-07:00', HTTP_HOST: 'not a host' }, dir);
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += String(chunk)));
    child.stdout?.on('data', (chunk: Buffer) => (output += String(chunk)));
    expect(await exitOf(child)).toBe(2);
    for (const variable of ['DIGEST_SCHEDULE', 'QUIET_HOURS', 'HTTP_HOST']) expect(output).toContain(`- ${variable}: `);
    expect(output).not.toContain('healthz');
    expect(output).not.toMatch(/\n\s+at /);
    expect(existsSync(database)).toBe(false);
  });

  it('should keep /healthz answering while slow clients hold every connection the settings allow, and cut them at the headers timeout', async () => {
    const dir = tempDir();
    const limits = { HTTP_MAX_CONNECTIONS: '3', HTTP_HEADERS_TIMEOUT_MS: '800', HTTP_REQUEST_TIMEOUT_MS: '1600' };
    const child = startBot({ DATABASE_URL: `file:${join(dir, 'bot.db')}`, HTTP_PORT: '0', ...limits }, dir);
    const { port } = await waitForReady(child);
    const slow = await Promise.all([1, 2, 3].map(() => RawHttpClient.connect(port)));
    for (const client of slow) void client.writeSlowly(requestHead('POST', '/telegram', { 'content-length': 2 }), 40);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
    expect(response.status).toBe(200);
    expect((await response.json()) as unknown).toMatchObject({ status: 'ok' });
    expect(performance.now() - started).toBeLessThan(500);
    // Anything else is turned away while the cap is reached.
    expect((await fetch(`http://127.0.0.1:${port}/nowhere`, { signal: AbortSignal.timeout(2_000) })).status).toBe(503);
    const closedAfter = await Promise.all(slow.map((client) => client.closed));
    for (const ms of closedAfter) expect(ms).toBeGreaterThanOrEqual(750);
    for (const ms of closedAfter) expect(ms).toBeLessThan(2_500);
    // Served again once the server has seen the cut connections' last packets (a moment after the clients did).
    await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/nowhere`, { signal: AbortSignal.timeout(2_000) })).status, { timeout: 1_000, interval: 50 }).toBe(404);
    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
