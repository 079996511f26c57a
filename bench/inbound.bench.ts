/**
 * Inbound throughput, measured from outside as a user's traffic would come: the real program started
 * as README says (`npm start`) with a Telegram webhook, a stub Bot API in its own process, and the load
 * from another process: 20 chats at once, each posting its updates one at a time as Telegram does for
 * one chat; every chat files a complete weekly report. In the same run, on the same stub and load, a
 * bare telegraf webhook echo bot and a telegraf bot that writes one row through Prisma per update.
 * Prints updates/s, p50 and p99, CPU milliseconds per update (the whole process tree, from /proc) and
 * SQL statements per update. The bot's clock is set to a Friday of week 48 with libfaketime when the
 * machine has it, so that only the weekly report is open. Never asserts: figures only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/storage/database.ts';
import { seedDemoProvince } from '../src/storage/seed-demo.ts';
import { addContactsToSqliteFile, WEEKLY_REPORT_SCRIPT, type BenchContact } from '../test/support/bench-population.ts';
import { BENCH_SECRET as SECRET, BENCH_TOKEN as TOKEN, startBotProcess } from './support/bot-process.ts';
import { runLoad, startProcess, stopProcess, treeCpuMs, type LoadFigures } from './support/processes.ts';

const LANES = 20;
const WARM_UP_CHATS = 40;
const MEASURED_CHATS = 500;
const FIRST_USER = 700_000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Row {
  name: string;
  figures: LoadFigures;
  cpuMsPerUpdate: number;
  sqlPerUpdate: number | null;
  transactionsPerUpdate: number | null;
}

function jobsFor(contacts: BenchContact[]): Array<{ userId: number; texts: readonly string[] }> {
  return contacts.map((contact) => ({ userId: contact.telegramUserId, texts: WEEKLY_REPORT_SCRIPT }));
}

async function metrics(port: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const values: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = line.match(/^([a-z_]+(?:\{[^}]*\})?) ([0-9.e+-]+)$/);
    if (match) values[match[1] as string] = Number(match[2]);
  }
  return values;
}

/** Warm-up, then the measured load, with CPU and counters read around it. */
async function measure(name: string, pid: number, port: number, warm: unknown[], jobs: unknown[], counters: () => Promise<{ statements: number; transactions: number } | null>): Promise<Row> {
  const env = { LOAD_URL: `http://127.0.0.1:${port}/tg/hook`, LOAD_SECRET: SECRET, LOAD_LANES: String(LANES) };
  await runLoad({ ...env, LOAD_FIRST_UPDATE: '1' }, warm);
  const before = await counters();
  const cpuBefore = treeCpuMs(pid);
  const figures = await runLoad({ ...env, LOAD_FIRST_UPDATE: '100000' }, jobs);
  const cpu = treeCpuMs(pid) - cpuBefore;
  const after = await counters();
  const per = (value: number | undefined) => (value === undefined ? null : value / figures.updates);
  return {
    name,
    figures,
    cpuMsPerUpdate: cpu / figures.updates,
    sqlPerUpdate: before && after ? per(after.statements - before.statements) : null,
    transactionsPerUpdate: before && after ? per(after.transactions - before.transactions) : null,
  };
}

async function benchBot(dir: string, apiRoot: string, contacts: BenchContact[]): Promise<Row> {
  const { child, port } = await startBotProcess(join(dir, 'bot.db'), apiRoot);
  try {
    const read = async () => {
      const values = await metrics(port);
      return { statements: values.bot_sql_statements_total ?? 0, transactions: values.bot_sql_transactions_total ?? 0 };
    };
    return await measure('bot (npm start, webhook, SQLite)', child.pid as number, port, jobsFor(contacts.slice(0, WARM_UP_CHATS)), jobsFor(contacts.slice(WARM_UP_CHATS)), read);
  } finally {
    await stopProcess(child);
  }
}

async function benchReference(mode: 'echo' | 'prisma', dir: string, apiRoot: string, contacts: BenchContact[]): Promise<Row> {
  const env = { ...process.env, REF_MODE: mode, REF_TOKEN: TOKEN, REF_API_ROOT: apiRoot, REF_SECRET: SECRET, REF_DATABASE: join(dir, `${mode}.db`) };
  const { child, match } = await startProcess(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/support/reference-bot.ts')], { env, ready: /PORT (\d+)/ });
  const port = Number(match[1]);
  try {
    const read = async () => (mode === 'prisma' ? ((await (await fetch(`http://127.0.0.1:${port}/stats`)).json()) as { statements: number; transactions: number }) : { statements: 0, transactions: 0 });
    const name = mode === 'echo' ? 'telegraf echo (reference)' : 'telegraf + one Prisma create';
    return await measure(name, child.pid as number, port, jobsFor(contacts.slice(0, WARM_UP_CHATS)), jobsFor(contacts.slice(WARM_UP_CHATS)), read);
  } finally {
    await stopProcess(child);
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-inbound-'));
  const stub = await startProcess(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/support/stub-bot-api.ts')], { ready: /PORT (\d+)/ });
  const apiRoot = `http://127.0.0.1:${stub.match[1]}`;
  try {
    const url = `file:${join(dir, 'bot.db')}`;
    const { prisma } = await openDatabase(url);
    await seedDemoProvince(prisma);
    await prisma.$disconnect();
    const contacts = addContactsToSqliteFile(join(dir, 'bot.db'), WARM_UP_CHATS + MEASURED_CHATS, { firstUserId: FIRST_USER });
    const rows = [await benchReference('echo', dir, apiRoot, contacts), await benchReference('prisma', dir, apiRoot, contacts), await benchBot(dir, apiRoot, contacts)];
    const echo = rows[0] as Row;
    process.stdout.write(`${LANES} chats at once, ${MEASURED_CHATS} weekly reports of ${WEEKLY_REPORT_SCRIPT.length} updates each, load from another process\n`);
    process.stdout.write('| target | updates/s | × echo | p50 ms | p99 ms | CPU ms/update | SQL statements/update | write transactions/update |\n|---|---|---|---|---|---|---|---|\n');
    for (const row of rows) {
      const { figures } = row;
      const bad = Object.keys(figures.statuses).length ? ` (non-200: ${JSON.stringify(figures.statuses)})` : '';
      process.stdout.write(
        `| ${row.name} | ${figures.rate.toFixed(0)}${bad} | ${(figures.rate / echo.figures.rate).toFixed(2)} | ${figures.p50.toFixed(1)} | ${figures.p99.toFixed(1)} | ${row.cpuMsPerUpdate.toFixed(2)} | ${row.sqlPerUpdate?.toFixed(2) ?? '–'} | ${row.transactionsPerUpdate?.toFixed(2) ?? '–'} |\n`,
      );
    }
  } finally {
    await stopProcess(stub.child);
    rmSync(dir, { recursive: true, force: true });
  }
}
