/**
 * Memory with 10,000 contacts: a temp SQLite file with the demo province plus 10,000 contacts (roles,
 * Telegram and Zalo identities) inserted in bulk, the bot core started on it, then a realistic mix of
 * a few hundred dialog steps across random contacts (complete weekly reports, status queries, stray
 * texts). Prints RSS and heap used at each stage, after a forced GC when node runs with --expose-gc
 * (`NODE_OPTIONS=--expose-gc npm run bench -- memory`). Never asserts: figures only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { InboundMessage } from '../src/app/inbound/inbound-message.ts';
import { createBotCore } from '../src/main/create-core.ts';
import { parseConfig } from '../src/config.ts';
import { createLogger } from '../src/logging/logger.ts';
import { openDatabase, type PrismaClient } from '../src/storage/database.ts';
import { seedDemoProvince } from '../src/storage/seed-demo.ts';
import { addContactsToSqliteFile, WEEKLY_REPORT_SCRIPT, type BenchContact } from '../test/support/bench-population.ts';

const CONTACTS = 10_000;
const REPORTING = 60;
const STATUS_QUERIES = 100;
const STRAY_TEXTS = 60;
const FRIDAY_W48 = new Date('2026-11-27T03:00:00Z');

const gc = (globalThis as { gc?: () => void }).gc;

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function measure(label: string): void {
  gc?.();
  const usage = process.memoryUsage();
  process.stdout.write(`${label.padEnd(44)} RSS ${mb(usage.rss).padStart(9)}   heap used ${mb(usage.heapUsed).padStart(9)}   heap total ${mb(usage.heapTotal).padStart(9)}\n`);
}

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

let updateCounter = 0;

function message(contact: BenchContact, text: string): InboundMessage {
  updateCounter += 1;
  const onZalo = contact.zaloUserId !== null && updateCounter % 3 === 0;
  const userId = onZalo ? (contact.zaloUserId ?? '') : String(contact.telegramUserId);
  return {
    identity: { channel: onZalo ? 'zalo' : 'telegram', userId, chatId: userId, displayName: 'Lan' },
    botKey: 'bench',
    updateKey: `mem-${updateCounter}`,
    platformMessageId: `mem-${updateCounter}`,
    input: { kind: 'text', text },
  };
}

export async function run(): Promise<void> {
  process.stdout.write(gc ? 'forced GC before each figure (--expose-gc)\n' : 'no forced GC: run with NODE_OPTIONS=--expose-gc for settled figures\n');
  measure('at start');
  const dir = mkdtempSync(join(tmpdir(), 'baocao-memory-'));
  const databasePath = join(dir, 'bench.db');
  const databaseUrl = `file:${databasePath}`;
  let prisma: PrismaClient | undefined;
  try {
    // Migrate and seed, then close: the bulk insert goes straight to the file.
    const seeding = await openDatabase(databaseUrl);
    await seedDemoProvince(seeding.prisma);
    await seeding.prisma.$disconnect();
    const started = performance.now();
    const contacts = addContactsToSqliteFile(databasePath, CONTACTS, { firstUserId: 800_000, contactsPerUnit: 4 });
    prisma = (await openDatabase(databaseUrl)).prisma;
    const identities = await prisma.channelIdentity.count();
    process.stdout.write(`inserted ${CONTACTS} contacts (${identities} identities, ${await prisma.role.count()} roles, ${await prisma.unit.count()} units) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    measure('after bulk insert');
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    const logger = createLogger({ level: 'warn', pretty: false, secrets: [], destination: sink });
    const core = await createBotCore(parseConfig({ DATABASE_URL: databaseUrl }), prisma, logger, { now: () => FRIDAY_W48 });
    measure('bot core started');
    const next = random(20_261_127);
    const pick = () => contacts[Math.floor(next() * contacts.length)] ?? contacts[0];
    const work: Array<{ contact: BenchContact; texts: readonly string[] }> = [];
    for (let i = 0; i < REPORTING; i += 1) work.push({ contact: pick() as BenchContact, texts: WEEKLY_REPORT_SCRIPT });
    for (let i = 0; i < STATUS_QUERIES; i += 1) work.push({ contact: pick() as BenchContact, texts: ['/trangthai'] });
    for (let i = 0; i < STRAY_TEXTS; i += 1) work.push({ contact: pick() as BenchContact, texts: ['xin chào', '/trogiup'] });
    const stepsStarted = performance.now();
    let steps = 0;
    // Several contacts at once, each one's steps in order, as the channels deliver them.
    const queue = [...work];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
          for (const text of job.texts) {
            await core.inbound.receive(message(job.contact, text));
            steps += 1;
          }
        }
      }),
    );
    const seconds = (performance.now() - stepsStarted) / 1000;
    process.stdout.write(`ran ${steps} dialog steps across ${work.length} random contacts in ${seconds.toFixed(1)} s (${(steps / seconds).toFixed(0)} steps/s); ${await prisma.submission.count()} weekly reports stored\n`);
    measure('after the dialog steps');
  } finally {
    await prisma?.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}
