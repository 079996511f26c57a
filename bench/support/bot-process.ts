/**
 * The real program as benchmarks start it: `npm start` on a free port, with a Telegram webhook on a
 * stub Bot API (or no messenger at all), and the clock set with libfaketime when the machine has it:
 * by default to a Friday of week 48, so that only the weekly report is open. Shared by the inbound,
 * memory and dashboard benchmarks.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import { startProcess } from './processes.ts';

export const BENCH_TOKEN = '7000000001:AABenchTokenForTheInboundBenchmark_01';
export const BENCH_SECRET = 'bench_webhook_secret';
const FAKETIME_LIBRARY = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Waits until `/healthz` answers, and says the Telegram channel is running when there is one. */
export async function waitForHealth(port: number, telegram = true): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { status?: string; channels?: { telegram?: string } };
      if (telegram ? health.channels?.telegram === 'running' : health.status === 'ok') return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the bot did not become healthy');
}

/**
 * `npm start` on an SQLite file, healthy; the caller stops it. With `apiRoot`, a Telegram webhook to
 * that stub; with null, no messenger. `at` is the faked instant the clock starts from (UTC).
 */
export async function startBotProcess(databasePath: string, apiRoot: string | null, at = '2026-11-27 03:00:00'): Promise<{ child: ChildProcess; port: number; hookUrl: string }> {
  const port = await freePort();
  const faked = existsSync(FAKETIME_LIBRARY);
  const hookUrl = `http://127.0.0.1:${port}/tg/hook`;
  const telegram = apiRoot === null
    ? { TELEGRAM_BOT_TOKEN: '' }
    : { TELEGRAM_BOT_TOKEN: BENCH_TOKEN, TELEGRAM_API_ROOT: apiRoot, TELEGRAM_WEBHOOK_URL: hookUrl, TELEGRAM_WEBHOOK_SECRET: BENCH_SECRET };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${databasePath}`,
    ...telegram,
    ZALO_BOT_TOKEN: '',
    HTTP_PORT: String(port),
    LOG_LEVEL: 'warn',
    // No reminder wave caught up at start: the figures are of inbound updates alone.
    CATCH_UP_HOURS: '0',
    ...(faked ? { LD_PRELOAD: FAKETIME_LIBRARY, FAKETIME: `@${at}`, FAKETIME_DONT_FAKE_MONOTONIC: '1', TZ: 'UTC' } : {}),
  };
  if (!faked) process.stdout.write("libfaketime not found: the bot runs on today's date, and its dialogs may differ from the script\n");
  const { child } = await startProcess('npm', ['start', '--silent'], { env });
  await waitForHealth(port, apiRoot !== null);
  return { child, port, hookUrl };
}
