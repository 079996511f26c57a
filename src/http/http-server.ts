import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger.ts';
import { ConnectionGate } from './connection-gate.ts';
import { DEFAULT_HTTP_LIMITS, MAX_HEADERS_COUNT, nodeServerOptions, type HttpLimits } from './http-limits.ts';
import { answerEarly } from './early-answer.ts';
import { announcesBody, readBody } from './request-body.ts';

/** Bodies above this are refused with 413 before they are read to the end. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The raw body, read in full (at most MAX_BODY_BYTES). */
  body: Buffer;
}

export interface HttpResponse {
  status: number;
  /** JSON to send; or raw bytes when `contentType` is given (an image). */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export type RouteHandler = (request: HttpRequest) => Promise<HttpResponse> | HttpResponse;

/** A plain node request listener (a web framework's app), given the request before its body is read. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** What a route may say about a request before its body is read. */
export interface RouteOptions {
  /**
   * Looks at the headers alone (a webhook's secret): a status here is the answer, sent before any byte
   * of the body is read; null lets the request through to its body and the handler.
   */
  screen?: (headers: IncomingHttpHeaders) => number | null;
  /** Served on the connections kept back for monitoring when the ordinary ones are all taken (`/healthz`). */
  vital?: boolean;
}

interface Route extends RouteOptions {
  handler: RouteHandler;
}

/**
 * The product's one HTTP server: the health check, the messenger webhooks, generated files and the
 * dashboard. Routes are exact method + path pairs (or path prefixes); channels register theirs before
 * `listen`. Whatever can be decided from the headers (no such route, a wrong secret, a body announced
 * too large) is answered before the body is read, and the connection closed; slow and crowding
 * clients are held to `HttpLimits`.
 */
export class HttpServer {
  private readonly routes = new Map<string, Route>();
  private readonly prefixes: Array<Route & { method: string; prefix: string }> = [];
  private readonly mounts: Array<{ prefix: string; listener: RequestListener }> = [];
  private readonly limits: HttpLimits;
  private readonly gate: ConnectionGate;
  private server: Server | undefined;

  constructor(
    private readonly logger: Logger,
    limits: Partial<HttpLimits> = {},
  ) {
    this.limits = { ...DEFAULT_HTTP_LIMITS, ...limits };
    this.gate = new ConnectionGate(this.limits);
  }

  route(method: string, path: string, handler: RouteHandler, options: RouteOptions = {}): void {
    this.routes.set(`${method.toUpperCase()} ${path}`, { handler, ...options });
  }

  /** A route for every path under `prefix` (generated files). */
  routePrefix(method: string, prefix: string, handler: RouteHandler, options: RouteOptions = {}): void {
    this.prefixes.push({ method: method.toUpperCase(), prefix, handler, ...options });
  }

  /** Hands every request whose path is `prefix` or starts with `prefix/` to `listener`, body unread. */
  mount(prefix: string, listener: RequestListener): void {
    this.mounts.push({ prefix: prefix.replace(/\/+$/, ''), listener });
  }

  /** Open connections now, ordinary and reserved. */
  get openConnections(): number {
    return this.gate.openConnections;
  }

  /** Starts listening; called again, answers where it listens already (routes may be added meanwhile). */
  async listen(host: string, port: number): Promise<{ host: string; port: number }> {
    if (this.server?.listening) return this.where(host, port);
    this.server = createServer(nodeServerOptions(this.limits), (req, res) => void this.handle(req, res, false));
    const server = this.server;
    server.timeout = this.limits.idleTimeoutMs;
    server.maxHeadersCount = MAX_HEADERS_COUNT;
    // `Expect: 100-continue`: the client waits for our word before it sends the body, so a refusal costs it nothing.
    server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res, true));
    this.gate.attach(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return this.where(host, port);
  }

  private where(host: string, port: number): { host: string; port: number } {
    const address = this.server?.address();
    return { host, port: typeof address === 'object' && address ? address.port : port };
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): Promise<void> {
    this.gate.requestArrived(req.socket);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const reserved = this.gate.isReserved(req.socket);
    const mounted = reserved ? undefined : this.mounts.find((m) => path === m.prefix || path.startsWith(`${m.prefix}/`));
    if (mounted) {
      if (expectsContinue) res.writeContinue();
      return void Promise.resolve(mounted.listener(req, res)).catch((error: unknown) => {
        this.logger.error({ err: error, mount: mounted.prefix }, 'http handler failed');
        if (!res.headersSent) send(res, 500, { ok: false });
        else res.destroy();
      });
    }
    const route = this.routes.get(`${method} ${path}`) ?? this.prefixes.find((r) => r.method === method && path.startsWith(r.prefix));
    // On a connection kept for monitoring, only a vital route is served, and the connection is not kept.
    if (reserved && !route?.vital) return answerEarly(res, 503, { 'retry-after': '1' });
    const closing: Record<string, string> = reserved ? { connection: 'close' } : {};
    if (!route) return this.refuse(req, res, hasPath(this.routes, path) ? 405 : 404);
    const screened = route.screen?.(req.headers) ?? null;
    if (screened !== null) return this.refuse(req, res, screened);
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return this.refuse(req, res, 413);
    if (expectsContinue) res.writeContinue();
    try {
      const read = await readBody(req, MAX_BODY_BYTES);
      if (read.kind === 'too_large') return answerEarly(res, 413);
      if (read.kind === 'cut') return void this.logger.debug({ path }, 'http request cut before its body ended');
      const response = await route.handler({ method, path, headers: req.headers, body: read.body });
      if (response.contentType && Buffer.isBuffer(response.body)) return sendRaw(res, response, closing);
      send(res, response.status, response.body ?? { ok: response.status < 400 }, closing);
    } catch (error) {
      this.logger.error({ err: error, path }, 'http handler failed');
      send(res, 500, { ok: false }, closing);
    }
  }

  /** A refusal decided from the headers: a request that announces a body loses its connection too, the body unread. */
  private refuse(req: IncomingMessage, res: ServerResponse, status: number): void {
    if (announcesBody(req)) answerEarly(res, status);
    else send(res, status, { ok: false });
  }
}

function hasPath(routes: Map<string, Route>, path: string): boolean {
  for (const key of routes.keys()) if (key.endsWith(` ${path}`)) return true;
  return false;
}

function sendRaw(res: ServerResponse, response: HttpResponse, extra: Record<string, string> = {}): void {
  const body = response.body as Buffer;
  res.writeHead(response.status, { ...response.headers, ...extra, 'content-type': response.contentType ?? 'application/octet-stream', 'content-length': body.length });
  res.end(body);
}

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...extra, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
