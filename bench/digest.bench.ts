/**
 * Digest benchmark: 5,000 units with two years of weekly, monthly and yearly submissions in a real
 * SQLite file, then the province-wide digest built several times. The goal is under 300 ms and under
 * 200 MB. Never asserts: figures only.
 *
 * The seeding runs in this process; the digest runs are measured in a child process started on the
 * seeded file, so that the generator's half a million JSON strings and SQLite page cache do not count
 * against the digest. The child's figures cover a process that opens the database, loads the Prisma
 * client and the forms and then builds digests: that baseline is printed next to the peaks.
 * `DIGEST_BENCH_DB=<file> tsx bench/digest.bench.ts` measures an already seeded file directly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqlite } from '../src/storage/sqlite-file.ts';

const UNITS = 5000;
const DEPARTMENTS = 50;
const NOW = new Date('2026-11-30T01:00:00Z'); // Monday 08:00 in Hanoi, when the weekly digest goes out
const RUNS = 15;
const COMPOSE_RUNS = 3;
const SINGLE_RUNS = 5;
const CHILD_ENV = 'DIGEST_BENCH_DB';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Period keys of two years before NOW: ISO weeks, months and years. */
function periods(): Array<{ formId: string; key: string }> {
  const list: Array<{ formId: string; key: string }> = [];
  for (const year of [2025, 2026]) for (let w = 1; w <= (year === 2026 ? 48 : 52); w += 1) list.push({ formId: 'weekly_status', key: `${year}-W${pad(w)}` });
  for (const year of [2024, 2025, 2026]) for (let m = 1; m <= 12; m += 1) if ((year === 2024 && m === 12) || year === 2025 || (year === 2026 && m <= 10)) list.push({ formId: 'monthly_figures', key: `${year}-${pad(m)}` });
  for (const year of [2024, 2025]) list.push({ formId: 'yearly_ratings', key: String(year) });
  return list;
}

function answersFor(formId: string, unit: number, key: string): string {
  const r = (unit * 7919 + key.length * 104729 + Number(key.replace(/\D/g, ''))) % 1000;
  if (formId === 'weekly_status') return JSON.stringify({ p1_progress: 'on_track', p2_progress: r % 5 ? 'on_track' : 'behind', p3_progress: 'on_track', work_done: 'Triển khai kế hoạch tuần', support_needed: null });
  if (formId === 'monthly_figures') return JSON.stringify({ admitted: r % 4, members_current: 120 + (r % 50), inspections: r % 3, supervisions: r % 2, discipline_cases: r % 7 === 0 ? 1 : 0 });
  const total = 10 + (r % 5);
  const heads = r % 3 === 0;
  return JSON.stringify({
    org_htxsnv: 2, org_httnv: total - 3, org_htnv: 1, org_khtnv: 0, org_total: total,
    cell_htxsnv: 3, cell_httnv: 20, cell_htnv: r % 4, cell_khtnv: 0, cell_total: 23 + (r % 4),
    member_htxsnv: 20, member_httnv: 100, member_htnv: 5 + (r % 9), member_khtnv: 1, member_total: 126 + (r % 9),
    members_dec31: 120 + (r % 50), has_heads: heads ? 'yes' : 'no', ...(heads ? { heads_total: 8, heads_members: 7 + (r % 2) } : {}),
  });
}

/** Fills the database with raw prepared statements in one transaction (the dashboard bench seeds the same province). */
export function seed(path: string): number {
  const db = openSqlite(path);
  const now = new Date().toISOString().replace('Z', '+00:00');
  const insertUnit = db.prepare('INSERT INTO "Unit" (id, code, name, kind, parentId, active, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 1, ?, ?)');
  const insertSubmission = db.prepare(
    'INSERT INTO "Submission" (unitId, formId, periodKey, currentRevision, formVersion, answers, firstSubmittedAt, submittedAt, late, createdAt, updatedAt) VALUES (?, ?, ?, 1, 1, ?, ?, ?, ?, ?, ?)',
  );
  let count = 0;
  db.transaction(() => {
    insertUnit.run(1, 'UBND', 'Uỷ ban nhân dân tỉnh', 'province', null, now, now);
    for (let d = 0; d < DEPARTMENTS; d += 1) insertUnit.run(2 + d, `S${d}`, `Sở số ${d}`, 'department', 1, now, now);
    for (let id = 2 + DEPARTMENTS; id <= UNITS; id += 1) insertUnit.run(id, `U${id}`, `Đơn vị cơ sở ${id}`, 'grassroots', 2 + (id % DEPARTMENTS), now, now);
    // Period by period, as reports arrive in real life (a period's rows end up near each other).
    for (const { formId, key } of periods()) {
      for (let unit = 2; unit <= UNITS; unit += 1) {
        if ((unit * 31 + key.length * 17 + Number(key.replace(/\D/g, ''))) % 10 === 0) continue; // about 10 % never filed
        const late = (unit + Number(key.replace(/\D/g, ''))) % 8 === 0;
        insertSubmission.run(unit, formId, key, answersFor(formId, unit, key), now, now, late ? 1 : 0, now, now);
        count += 1;
      }
    }
  })();
  db.close();
  return count;
}

/** Forces a full garbage collection, so the digest's memory is not mixed with earlier garbage. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** Linux: resets the process's peak RSS (VmHWM), so the next reading covers only what follows. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false; // Not Linux, or not allowed: the peak then covers the whole process.
  }
}

function readPeakRss(): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The value below which `share` of the sorted values lie (nearest rank). */
function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] as number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

/**
 * Peak heap over a stretch of work: V8's GC profiler reports the heap used before every collection
 * (the highs between them), and the heap used at the end covers the stretch after the last one.
 */
function heapPeakDuring(): () => number {
  const profiler = new v8.GCProfiler();
  profiler.start();
  return () => {
    const result = profiler.stop();
    let peak = process.memoryUsage().heapUsed;
    for (const entry of result?.statistics ?? []) peak = Math.max(peak, entry.beforeGC.heapStatistics.usedHeapSize);
    return peak;
  };
}

/** The measured part, in a process of its own: digests built over an already seeded file. */
async function measure(path: string): Promise<void> {
  const { buildDigest, loadScope } = await import('../src/app/digest/digest-builder.ts');
  const { createDigestComposer } = await import('../src/app/digest/digest-composer.ts');
  const { digestReply } = await import('../src/app/digest/digest-reply.ts');
  const { createPrismaClient } = await import('../src/storage/database.ts');
  const { readFormFolder } = await import('../src/storage/form-files.ts');
  const { ContactRepository } = await import('../src/storage/repositories/contact-repository.ts');
  const { ReportDataRepository } = await import('../src/storage/repositories/report-data-repository.ts');
  const prisma = createPrismaClient(path);
  const forms = readFormFolder().map((file) => file.form);
  const source = new ReportDataRepository(prisma, { sqlitePath: path });
  const deps = { source, forms: () => forms, timeZone: 'Asia/Ho_Chi_Minh' };
  const supervisor = await prisma.contact.create({ data: { name: 'Giám sát', roles: { create: { unitId: 1, role: 'supervisor' } } } });
  await prisma.contact.count(); // the Prisma client fully started before the baseline
  const runDigest = async (): Promise<number> => {
    const scope = await loadScope(deps.source, [{ role: 'supervisor', unitId: 1 }]);
    const data = await buildDigest(deps, scope, NOW);
    return digestReply(data, 'vi').lines.length;
  };
  const out = (line: string) => process.stdout.write(`${line}\n`);

  collectGarbage();
  const baseline = process.memoryUsage();

  // 1. One digest at a time after a full collection, the first one cold (SQLite pages, JIT): what a
  //    single digest needs on top of the process.
  let cold = 0;
  let singleRss = 0;
  let singleHeap = 0;
  const peakResettable = resetPeakRss();
  for (let i = 0; i < SINGLE_RUNS; i += 1) {
    collectGarbage();
    resetPeakRss();
    const heap = heapPeakDuring();
    const started = performance.now();
    await runDigest();
    if (i === 0) cold = performance.now() - started;
    singleHeap = Math.max(singleHeap, heap());
    singleRss = Math.max(singleRss, readPeakRss() ?? process.memoryUsage().rss);
  }

  // 2. Back to back, as a scheduler composing many digests would: times, and the peaks of the whole stretch.
  collectGarbage();
  resetPeakRss();
  const heapPeak = heapPeakDuring();
  const times: number[] = [];
  const cpu: number[] = [];
  let lines = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    lines = await runDigest();
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const peakHeap = heapPeak();
  const peakRss = readPeakRss();

  const growth = (peak: number | null) => (peak === null ? 'n/a' : `${mb(peak)} (+${mb(peak - baseline.rss)} over before the runs)`);
  out(`digest build (province, ${UNITS} units, ${lines} lines); goal under 300 ms and 200 MB:`);
  out(`  ${RUNS} runs back to back: wall median ${ms(percentile(times, 0.5))}, p90 ${ms(percentile(times, 0.9))} (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}); CPU median ${ms(percentile(cpu, 0.5))}, p90 ${ms(percentile(cpu, 0.9))}`);
  out(`  first digest of the process (cold SQLite pages and JIT): ${ms(cold)}; machine load ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores (wall time also counts waiting for a core)`);
  out(`memory, measured in a child process that did not seed: it holds node, the TypeScript loader, the app's modules, the forms, a started Prisma client and the read-only SQLite connection${peakResettable ? '' : ' (peak RSS could not be reset here: the peaks cover the whole child process)'}`);
  out(`  before any digest: RSS ${mb(baseline.rss)}, heap used ${mb(baseline.heapUsed)}`);
  out(`  one digest after a full GC, worst of ${SINGLE_RUNS} (the first cold): peak RSS ${growth(singleRss)}, peak heap used ${mb(singleHeap)}`);
  out(`  ${RUNS} digests back to back: peak RSS ${growth(peakRss)}, peak heap used ${mb(peakHeap)} (earlier runs' garbage included until V8 collects it)`);
  const compose = createDigestComposer({ ...deps, contacts: new ContactRepository(prisma) });
  const composeTimes: number[] = [];
  for (let i = 0; i < COMPOSE_RUNS; i += 1) {
    const started = performance.now();
    await compose(supervisor.id, NOW);
    composeTimes.push(performance.now() - started);
  }
  out(`digest with chart PNG and workbook: median ${ms(percentile(composeTimes, 0.5))} over ${COMPOSE_RUNS} runs`);
  out(`peak RSS of the child process, chart and workbook included: ${mb(process.resourceUsage().maxRSS * 1024)}`);
  source.close();
  await prisma.$disconnect();
}

/** Runs this file again as a child process (with the same loader flags) measuring the seeded file. */
function measureInChild(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      env: { ...process.env, [CHILD_ENV]: path },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`digest bench child exited with ${code}`))));
  });
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'baocao-bench-'));
  const path = join(dir, 'bench.db');
  try {
    const { migrateDatabase } = await import('../src/storage/database.ts');
    migrateDatabase(path);
    const started = performance.now();
    const rows = seed(path);
    process.stdout.write(`seeded ${UNITS} units, ${rows} submissions in ${((performance.now() - started) / 1000).toFixed(1)} s (this process); measuring in a child process\n`);
    await measureInChild(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childPath = process.env[CHILD_ENV];
if (childPath && process.argv[1] === fileURLToPath(import.meta.url)) {
  await measure(childPath);
  process.exit(0);
}
