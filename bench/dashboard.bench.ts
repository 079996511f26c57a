/**
 * Dashboard benchmark: the overview page of a province of 5,000 units with two years of reports (the
 * digest bench's province), for a supervisor of the whole province, over real HTTP to the bot's own
 * server with a signed-in session. The goal is under 300 ms. Never asserts: figures only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { seed } from './digest.bench.ts';
import { freePort } from './support/bot-process.ts';

const RUNS = 20;
const NOW = new Date('2026-11-30T01:00:00Z'); // Monday 08:00 in Hanoi

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] as number;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'baocao-bench-'));
  const path = join(dir, 'bench.db');
  const { migrateDatabase } = await import('../src/storage/database.ts');
  const { parseConfig } = await import('../src/config.ts');
  const { createLogger } = await import('../src/logging/logger.ts');
  const { createBot } = await import('../src/main/create-bot.ts');
  const { dashboardAuth } = await import('../src/web/dashboard/wire-dashboard.ts');
  migrateDatabase(path);
  const rows = seed(path);
  const clock = { now: () => NOW };
  const logger = createLogger({ level: 'silent', pretty: false, secrets: [] });
  const config = parseConfig({ DATABASE_URL: `file:${path}`, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(await freePort()), BOT_TIMEZONE: 'Asia/Ho_Chi_Minh', BOT_LOCALE: 'vi' });
  // The bot as the program builds it, without channels or scheduler: the bench measures its HTTP server.
  const bot = await createBot(config, logger, { clock, scheduling: false });
  const address = await bot.start();
  const prisma = bot.prisma;
  const supervisor = await prisma.contact.create({ data: { name: 'Giám sát', roles: { create: { unitId: 1, role: 'supervisor' } } } });
  try {
    const link = await dashboardAuth(prisma, config, clock).issueLink(supervisor.id, 'bench');
    const signIn = await fetch(link.url, { redirect: 'manual' });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const page = async (path: string): Promise<{ ms: number; cpu: number; bytes: number }> => {
      const started = performance.now();
      const cpuStart = process.cpuUsage();
      const response = await fetch(`http://127.0.0.1:${address.port}${path}`, { headers: { cookie } });
      const body = await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      const used = process.cpuUsage(cpuStart);
      return { ms: performance.now() - started, cpu: (used.user + used.system) / 1000, bytes: body.byteLength };
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
    out(`  overview after a report arrives: median ${percentile(times, 0.5).toFixed(0)} ms, p95 ${percentile(times, 0.95).toFixed(0)} ms over ${RUNS} requests (first ${first.ms.toFixed(0)} ms, cold); CPU median ${percentile(cpu, 0.5).toFixed(0)} ms (server and client share this process); ${(bytes / 1024).toFixed(0)} KB of HTML`);
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
    await bot.stop();
    bot.core.reportData.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const UNITS_LABEL = '5,000';
