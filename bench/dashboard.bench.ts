/**
 * Dashboard benchmark: the overview page of a province of 5,000 units with two years of reports (the
 * digest bench's province), for a supervisor of the whole province, over real HTTP to the real program
 * (`npm start`, its clock faked to a Monday morning with libfaketime where the machine has it) with a
 * signed-in session; the server's CPU is read from /proc. The goal is under 300 ms. Never asserts:
 * figures only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { seed } from './digest.bench.ts';
import { startBotProcess } from './support/bot-process.ts';
import { stopProcess, treeCpuMs } from './support/processes.ts';

const RUNS = 20;
/** Monday 08:00 in Hanoi, half a minute past, so that the start does not meet the weekly digest's minute. */
const NOW = new Date('2026-11-30T01:00:30Z');

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] as number;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'baocao-bench-'));
  const path = join(dir, 'bench.db');
  const { migrateDatabase, createPrismaClient } = await import('../src/storage/database.ts');
  const { dashboardAuth } = await import('../src/web/dashboard/wire-dashboard.ts');
  migrateDatabase(path);
  const rows = seed(path);
  // This process plays the operator and the other workers: it issues the link and files reports.
  const prisma = createPrismaClient(path);
  const supervisor = await prisma.contact.create({ data: { name: 'Giám sát', roles: { create: { unitId: 1, role: 'supervisor' } } } });
  const { child, port } = await startBotProcess(path, null, NOW.toISOString().slice(0, 19).replace('T', ' '));
  try {
    const config = { PUBLIC_BASE_URL: undefined, HTTP_HOST: '127.0.0.1', HTTP_PORT: port, BOT_TIMEZONE: 'Asia/Ho_Chi_Minh', BOT_LOCALE: 'vi' as const };
    const link = await dashboardAuth(prisma, config, { now: () => NOW }).issueLink(supervisor.id, 'bench');
    const signIn = await fetch(link.url, { redirect: 'manual' });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    if (!cookie.includes('=')) throw new Error(`sign-in answered ${signIn.status}`);
    const page = async (path: string): Promise<{ ms: number; cpu: number; bytes: number }> => {
      const started = performance.now();
      const cpuStart = treeCpuMs(child.pid as number);
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie } });
      const body = await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      return { ms: performance.now() - started, cpu: treeCpuMs(child.pid as number) - cpuStart, bytes: body.byteLength };
    };
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out(`seeded ${UNITS_LABEL} units, ${rows} submissions; overview over HTTP with a signed-in session, goal under 300 ms`);
    const first = await page('/bang-dieu-khien/');
    // Each view after a report arrives (one report's answers changed, as an amendment would): computed afresh.
    const report = await prisma.submission.findFirstOrThrow({ where: { formId: 'monthly_figures' }, select: { id: true, answers: true } });
    const times: number[] = [];
    const cpu: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i += 1) {
      await prisma.submission.update({ where: { id: report.id }, data: { answers: report.answers.replace(/}$/, `${report.answers === '{}' ? '' : ','}"bench_mark":${i}}`) } });
      const result = await page('/bang-dieu-khien/');
      times.push(result.ms);
      cpu.push(result.cpu);
      bytes = result.bytes;
    }
    out(`  overview after a report arrives: median ${percentile(times, 0.5).toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms over ${RUNS} requests (first ${first.ms.toFixed(0)} ms, cold); server CPU median ${percentile(cpu, 0.5).toFixed(0)} ms; ${(bytes / 1024).toFixed(0)} KB of HTML`);
    // Reloads with nothing changed in the same minute share the figures computed last.
    const reloads: number[] = [];
    for (let i = 0; i < RUNS; i += 1) reloads.push((await page('/bang-dieu-khien/')).ms);
    out(`  overview reloaded, data unchanged: median ${percentile(reloads, 0.5).toFixed(0)} ms, p95 ${percentile(reloads, 0.95).toFixed(0)} ms`);
    const tree: number[] = [];
    for (let i = 0; i < 5; i += 1) tree.push((await page('/bang-dieu-khien/don-vi?loc=missing')).ms);
    const unit: number[] = [];
    for (let i = 0; i < 5; i += 1) unit.push((await page('/bang-dieu-khien/don-vi/77')).ms);
    out(`  unit list filtered (missing): median ${percentile(tree, 0.5).toFixed(0)} ms; one unit's page: median ${percentile(unit, 0.5).toFixed(0)} ms`);
    out(`  machine load ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores (wall time also counts waiting for a core)`);
  } finally {
    await stopProcess(child);
    await prisma.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

const UNITS_LABEL = '5,000';
