import type { HttpServer } from './http-server.ts';

/** What each messenger channel is doing, as the health check reports it. */
export type ChannelStatus = 'starting' | 'running' | 'off' | 'failed';

export interface HealthSources {
  isDatabaseReachable: () => Promise<boolean>;
  channels: () => Record<string, ChannelStatus>;
}

/**
 * `GET /healthz`: 200 when the database answers, 503 when it does not; always JSON. Vital: it is served
 * on the connections kept back for monitoring when slow clients hold all the others.
 */
export function registerHealthRoute(server: HttpServer, sources: HealthSources): void {
  server.route('GET', '/healthz', async () => {
    const database = await sources.isDatabaseReachable();
    return {
      status: database ? 200 : 503,
      body: { status: database ? 'ok' : 'degraded', database: database ? 'up' : 'down', channels: sources.channels() },
    };
  }, { vital: true });
}
