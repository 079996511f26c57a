import type { HttpServer } from './http-server.ts';

/** A counter (or, with `type: 'gauge'`, a level such as memory in use) as the metrics page shows it. */
export interface MetricCounter {
  name: string;
  help: string;
  value: () => number;
  labels?: Record<string, string>;
  type?: 'counter' | 'gauge';
}

/**
 * `GET /metrics`: counters in Prometheus' text format (SQL statements and transactions, updates by
 * outcome, CPU time, memory), for the monitoring system and the benchmarks. Counts only, no names or content.
 * Vital, like `/healthz`: still served when slow clients hold every ordinary connection.
 */
export function registerMetricsRoute(server: HttpServer, counters: () => MetricCounter[]): void {
  server.route('GET', '/metrics', () => {
    const lines: string[] = [];
    const described = new Set<string>();
    for (const counter of counters()) {
      if (!described.has(counter.name)) {
        lines.push(`# HELP ${counter.name} ${counter.help}`, `# TYPE ${counter.name} ${counter.type ?? 'counter'}`);
        described.add(counter.name);
      }
      const labels = counter.labels ? `{${Object.entries(counter.labels).map(([key, value]) => `${key}="${value}"`).join(',')}}` : '';
      lines.push(`${counter.name}${labels} ${counter.value()}`);
    }
    return { status: 200, body: Buffer.from(`${lines.join('\n')}\n`), contentType: 'text/plain; version=0.0.4' };
  }, { vital: true });
}
