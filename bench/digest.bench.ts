/**
 * Digest benchmark: 5,000 units with two years of weekly, monthly and yearly submissions in a real
 * SQLite file, then the province-wide digest built several times. Prints the median build time and
 * the peak memory; the goal is under 300 ms and under 200 MB. Never asserts: figures only.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { join } from 'node:path';
import { buildDigest, loadScope, type ReportDeps } from '../src/app/digest/digest-builder.ts';
import { createDigestComposer } from '../src/app/digest/digest-composer.ts';
import { digestReply } from '../src/app/digest/digest-reply.ts';
import { createPrismaClient, migrateDatabase } from '../src/storage/database.ts';
import { readFormFolder } from '../src/storage/form-files.ts';
import { ContactRepository } from '../src/storage/repositories/contact-repository.ts';
import { ReportDataRepository } from '../src/storage/repositories/report-data-repository.ts';
import { openSqlite } from '../src/storage/sqlite-file.ts';

const UNITS = 5000;
const DEPARTMENTS = 50;
const NOW = new Date('2026-11-30T01:00:00Z'); // Monday 08:00 in Hanoi, when the weekly digest goes out
const RUNS = 7;

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

/** Fills the database with raw prepared statements in one transaction. */
function seed(path: string): number {
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

/** Forces a full garbage collection, so the digest's memory is not mixed with the seeding's garbage. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** Linux: resets the process's peak RSS (VmHWM), so the next reading covers only what follows. */
function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux, or not allowed: the peak then covers the whole process.
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'baocao-bench-'));
  const path = join(dir, 'bench.db');
  try {
    migrateDatabase(path);
    let started = performance.now();
    const rows = seed(path);
    process.stdout.write(`seeded ${UNITS} units, ${rows} submissions in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    const prisma = createPrismaClient(path);
    const forms = readFormFolder().map((file) => file.form);
    const deps: ReportDeps = { source: new ReportDataRepository(prisma, { sqlitePath: path }), forms: () => forms, timeZone: 'Asia/Ho_Chi_Minh' };
    const supervisor = await prisma.contact.create({ data: { name: 'Giám sát', roles: { create: { unitId: 1, role: 'supervisor' } } } });
    collectGarbage();
    const baseline = process.memoryUsage();
    resetPeakRss();
    const times: number[] = [];
    const cpu: number[] = [];
    let peakHeap = 0;
    let lines = 0;
    for (let i = 0; i < RUNS; i += 1) {
      started = performance.now();
      const cpuStart = process.cpuUsage();
      const scope = await loadScope(deps.source, [{ role: 'supervisor', unitId: 1 }]);
      const data = await buildDigest(deps, scope, NOW);
      lines = digestReply(data, 'vi').lines.length;
      times.push(performance.now() - started);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
    const peakRss = readPeakRss();
    process.stdout.write(`digest build (province, ${UNITS} units, ${lines} lines): median ${median(times).toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU over ${RUNS} runs (wall min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}; machine load ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores)\n`);
    process.stdout.write(`memory during the digest runs: peak RSS ${peakRss === null ? 'n/a' : mb(peakRss)} (process baseline before them ${mb(baseline.rss)}), heap used up to ${mb(peakHeap)} (baseline ${mb(baseline.heapUsed)})\n`);
    const compose = createDigestComposer({ ...deps, contacts: new ContactRepository(prisma) });
    const composeTimes: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      started = performance.now();
      await compose(supervisor.id, NOW);
      composeTimes.push(performance.now() - started);
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
    process.stdout.write(`digest with chart PNG and workbook: median ${median(composeTimes).toFixed(0)} ms over 3 runs\n`);
    process.stdout.write(`peak RSS of the whole process, seeding included: ${mb(process.resourceUsage().maxRSS * 1024)}\n`);
    await prisma.$disconnect();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
