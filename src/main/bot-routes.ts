import type { RunningChannel } from '../channels/channel.ts';
import type { Config } from '../config.ts';
import { registerHealthRoute, type ChannelStatus } from '../http/health-route.ts';
import type { HttpServer } from '../http/http-server.ts';
import { registerMetricsRoute } from '../http/metrics-route.ts';
import type { InboundPipeline } from '../app/inbound/inbound-pipeline.ts';
import { isDatabaseReachable, type PrismaClient } from '../storage/database.ts';
import { sqlCounters } from '../storage/sql-counters.ts';

/** `/healthz` (database and channels) and `/metrics` (SQL, updates by outcome, CPU) on the bot's HTTP server. */
export function registerOperatorRoutes(http: HttpServer, parts: { config: Config; prisma: PrismaClient; channels: () => RunningChannel[]; inbound: InboundPipeline }): void {
  registerHealthRoute(http, {
    isDatabaseReachable: () => isDatabaseReachable(parts.prisma),
    channels: () => channelStatuses(parts.config, parts.channels()),
  });
  registerMetricsRoute(http, () => [
    { name: 'bot_sql_statements_total', help: 'SQL statements run (transaction control not counted)', value: () => sqlCounters.statements },
    { name: 'bot_sql_transactions_total', help: 'SQL write transactions committed', value: () => sqlCounters.transactions },
    ...(['handled', 'repeat', 'failed'] as const).map((outcome) => ({
      name: 'bot_inbound_updates_total',
      help: 'Inbound updates by outcome',
      labels: { outcome },
      value: () => parts.inbound.outcomes[outcome],
    })),
    { name: 'process_cpu_seconds_total', help: 'CPU time of the process', value: () => (process.cpuUsage().user + process.cpuUsage().system) / 1e6 },
    { name: 'process_resident_memory_bytes', help: 'Resident memory of the process', type: 'gauge', value: () => process.memoryUsage.rss() },
    { name: 'nodejs_heap_used_bytes', help: 'JavaScript heap in use', type: 'gauge', value: () => process.memoryUsage().heapUsed },
    { name: 'nodejs_external_memory_bytes', help: 'Memory held outside the JavaScript heap (buffers, native modules)', type: 'gauge', value: () => process.memoryUsage().external },
  ]);
}

/** Each messenger: off without a token, failed if it did not start, else what the channel says. */
function channelStatuses(config: Config, running: RunningChannel[]): Record<string, ChannelStatus> {
  const statuses: Record<string, ChannelStatus> = {
    telegram: config.TELEGRAM_BOT_TOKEN ? 'failed' : 'off',
    zalo: config.ZALO_BOT_TOKEN ? 'failed' : 'off',
    console: 'off',
  };
  for (const channel of running) statuses[channel.name] = channel.status();
  return statuses;
}
