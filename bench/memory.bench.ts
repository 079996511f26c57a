/**
 * Memory with 10,000 contacts, measured on the real program as users run it: a temp SQLite file with
 * the demo province plus 10,000 contacts (roles, Telegram and Zalo identities) inserted in bulk, then
 * `npm start` on it with a Telegram webhook and a stub Bot API, and a realistic mix of dialog steps
 * posted from another process (complete weekly reports, status queries, stray texts, across random
 * contacts). Prints the resident memory of the bot's processes (npm and node) when `/healthz` first
 * answers and after the dialog steps. Never asserts: figures only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/storage/database.ts';
import { seedDemoProvince } from '../src/storage/seed-demo.ts';
import { addContactsToSqliteFile, WEEKLY_REPORT_SCRIPT, type BenchContact } from '../test/support/bench-population.ts';
import { BENCH_SECRET, startBotProcess } from './support/bot-process.ts';
import { runLoad, startProcess, stopProcess, treeRssMb } from './support/processes.ts';

const CONTACTS = 10_000;
const REPORTING = 300;
const STATUS_QUERIES = 300;
const STRAY_TEXTS = 200;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A deterministic pseudo-random sequence (mulberry32), so every run picks the same contacts. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function line(label: string, pid: number, port: number): Promise<void> {
  const { total, byProcess } = treeRssMb(pid);
  // The bot is the largest of the tree (npm's own process is the other one).
  const bot = Math.max(...byProcess.map((process) => process.mb));
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 1024 / 1024;
  process.stdout.write(`| ${label} | ${total.toFixed(0)} MB | ${bot.toFixed(0)} MB | ${gauge('nodejs_heap_used_bytes').toFixed(0)} MB | ${gauge('nodejs_external_memory_bytes').toFixed(0)} MB |\n`);
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'baocao-memory-'));
  const databasePath = join(dir, 'bench.db');
  const stub = await startProcess(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/support/stub-bot-api.ts')], { ready: /PORT (\d+)/ });
  try {
    const seeding = await openDatabase(`file:${databasePath}`);
    await seedDemoProvince(seeding.prisma);
    await seeding.prisma.$disconnect();
    const contacts = addContactsToSqliteFile(databasePath, CONTACTS, { firstUserId: 800_000, contactsPerUnit: 4 });
    const next = random(20_261_127);
    const pick = () => contacts[Math.floor(next() * contacts.length)] as BenchContact;
    const jobs: Array<{ userId: number; texts: readonly string[] }> = [];
    const reporters = new Set<number>();
    while (reporters.size < REPORTING) reporters.add(pick().telegramUserId);
    for (const userId of reporters) jobs.push({ userId, texts: WEEKLY_REPORT_SCRIPT });
    for (let i = 0; i < STATUS_QUERIES; i += 1) jobs.push({ userId: pick().telegramUserId, texts: ['/trangthai'] });
    for (let i = 0; i < STRAY_TEXTS; i += 1) jobs.push({ userId: pick().telegramUserId, texts: ['xin chào', '/trogiup'] });

    const { child, hookUrl, port } = await startBotProcess(databasePath, `http://127.0.0.1:${stub.match[1]}`);
    try {
      process.stdout.write(`${CONTACTS} contacts; npm start with a webhook on SQLite\n| moment | RSS, npm + bot | RSS, bot | JS heap used | external |\n|---|---|---|---|---|\n`);
      await line('/healthz first answers', child.pid as number, port);
      const figures = await runLoad({ LOAD_URL: hookUrl, LOAD_SECRET: BENCH_SECRET, LOAD_LANES: '20', LOAD_FIRST_UPDATE: '1' }, jobs);
      await line(`after ${figures.updates} dialog steps (${jobs.length} contacts)`, child.pid as number, port);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await line('2 s later, idle', child.pid as number, port);
    } finally {
      await stopProcess(child);
    }
  } finally {
    await stopProcess(stub.child);
    rmSync(dir, { recursive: true, force: true });
  }
}
