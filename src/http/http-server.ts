import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger.ts';

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

/**
 * The product's one HTTP server: the health check now, the messenger webhooks when they are on.
 * Routes are exact method + path pairs; channels register theirs before `listen`.
 */
export class HttpServer {
  private readonly routes = new Map<string, RouteHandler>();
  private readonly prefixes: Array<{ method: string; prefix: string; handler: RouteHandler }> = [];
  private readonly mounts: Array<{ prefix: string; listener: RequestListener }> = [];
  private server: Server | undefined;

  constructor(private readonly logger: Logger) {}

  route(method: string, path: string, handler: RouteHandler): void {
    this.routes.set(`${method.toUpperCase()} ${path}`, handler);
  }

  /** A route for every path under `prefix` (generated files). */
  routePrefix(method: string, prefix: string, handler: RouteHandler): void {
    this.prefixes.push({ method: method.toUpperCase(), prefix, handler });
  }

  /** Hands every request whose path is `prefix` or starts with `prefix/` to `listener`, body unread. */
  mount(prefix: string, listener: RequestListener): void {
    this.mounts.push({ prefix: prefix.replace(/\/+$/, ''), listener });
  }

  /** Starts listening; called again, answers where it listens already (routes may be added meanwhile). */
  async listen(host: string, port: number): Promise<{ host: string; port: number }> {
    if (this.server?.listening) return this.where(host, port);
    this.server = createServer((req, res) => void this.handle(req, res));
    const server = this.server;
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

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const mounted = this.mounts.find((m) => path === m.prefix || path.startsWith(`${m.prefix}/`));
    if (mounted) return void Promise.resolve(mounted.listener(req, res)).catch((error: unknown) => {
      this.logger.error({ err: error, mount: mounted.prefix }, 'http handler failed');
      if (!res.headersSent) send(res, 500, { ok: false });
      else res.destroy();
    });
    const handler =
      this.routes.get(`${method} ${path}`) ?? this.prefixes.find((r) => r.method === method && path.startsWith(r.prefix))?.handler;
    if (!handler) return send(res, this.routes.size && hasPath(this.routes, path) ? 405 : 404, { ok: false });
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      return send(res, 413, { ok: false });
    }
    try {
      const body = await readBody(req);
      if (body === null) return send(res, 413, { ok: false });
      const response = await handler({ method, path, headers: req.headers, body });
      if (response.contentType && Buffer.isBuffer(response.body)) return sendRaw(res, response);
      send(res, response.status, response.body ?? { ok: response.status < 400 });
    } catch (error) {
      this.logger.error({ err: error, path }, 'http handler failed');
      send(res, 500, { ok: false });
    }
  }
}

function hasPath(routes: Map<string, RouteHandler>, path: string): boolean {
  for (const key of routes.keys()) if (key.endsWith(` ${path}`)) return true;
  return false;
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendRaw(res: ServerResponse, response: HttpResponse): void {
  const body = response.body as Buffer;
  res.writeHead(response.status, { ...response.headers, 'content-type': response.contentType ?? 'application/octet-stream', 'content-length': body.length });
  res.end(body);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
