/**
 * How long and how many: the limits that keep a slow or crowded client from holding the bot's HTTP
 * server. Webhook deliveries are small and arrive at once; anything much slower is a broken network or
 * somebody tying up connections, and is cut.
 */
import type { ServerOptions } from 'node:http';
import { HTTP_LIMIT_DEFAULTS } from '../config.ts';

/** The HTTP server's limits; every time is in milliseconds. */
export interface HttpLimits {
  /** From the first byte of a request to the end of its headers. */
  headersTimeoutMs: number;
  /** From the first byte of a request to the end of its body. At least `headersTimeoutMs`. */
  requestTimeoutMs: number;
  /** How long a kept-alive connection may wait for its next request. */
  keepAliveTimeoutMs: number;
  /** How long a connection may stay silent either way (a client that stops reading the answer). */
  idleTimeoutMs: number;
  /** Open connections for ordinary traffic (webhooks, charts, documents, dashboard). */
  maxConnections: number;
  /** Connections above `maxConnections` kept for `/healthz` and `/metrics` alone, one request each. */
  reservedConnections: number;
}

/** Headers beyond this many are dropped by the parser (a delivery sends about ten). */
export const MAX_HEADERS_COUNT = 100;

/** Production defaults, the settings' own (see config). */
export const DEFAULT_HTTP_LIMITS: HttpLimits = HTTP_LIMIT_DEFAULTS;

/** The limits the configuration asks for (the reserve for the health check is fixed). */
export function httpLimitsOf(
  config: Record<'HTTP_HEADERS_TIMEOUT_MS' | 'HTTP_REQUEST_TIMEOUT_MS' | 'HTTP_KEEP_ALIVE_TIMEOUT_MS' | 'HTTP_IDLE_TIMEOUT_MS' | 'HTTP_MAX_CONNECTIONS', number>,
): HttpLimits {
  return {
    headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    idleTimeoutMs: config.HTTP_IDLE_TIMEOUT_MS,
    maxConnections: config.HTTP_MAX_CONNECTIONS,
    reservedConnections: DEFAULT_HTTP_LIMITS.reservedConnections,
  };
}

/**
 * Node's own settings for these limits. Node checks the header and request timeouts on a timer
 * (every 30 s unless told), so the timer runs at a quarter of the shorter one: a slow client is cut
 * within 25 % of its limit, whether that is ten seconds or a test's few hundred milliseconds.
 */
export function nodeServerOptions(limits: HttpLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4))),
  };
}
