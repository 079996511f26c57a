/**
 * The cap on open connections, with a few kept back for the health check. Slow webhook clients (or
 * somebody pretending to be one) can fill the ordinary connections until their timeouts cut them;
 * meanwhile the monitoring system must still see `/healthz` answer, or it restarts a bot that is fine.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpLimits } from './http-limits.ts';

/** A reserved connection must have sent its request's headers within this (or the headers timeout, if shorter). */
const RESERVED_HEADERS_DEADLINE_MS = 2_000;

/**
 * Counts open connections. Up to `maxConnections` are ordinary; the next `reservedConnections` are
 * reserved: they may ask for a vital route once (the server answers with `Connection: close`) and are
 * cut if their headers are not in quickly. Beyond both, Node closes a new connection at once
 * (`server.maxConnections`), before any byte is read.
 */
export class ConnectionGate {
  private readonly open = new Set<Socket>();
  private readonly reserved = new WeakSet<Socket>();
  /** The deadline of each reserved connection that has not sent its request yet. */
  private readonly timers = new WeakMap<Socket, NodeJS.Timeout>();
  private readonly deadlineMs: number;

  constructor(private readonly limits: Pick<HttpLimits, 'maxConnections' | 'reservedConnections' | 'headersTimeoutMs'>) {
    this.deadlineMs = Math.min(RESERVED_HEADERS_DEADLINE_MS, limits.headersTimeoutMs);
  }

  /** Starts counting the server's connections and sets Node's hard limit. */
  attach(server: Server): void {
    server.maxConnections = this.limits.maxConnections + this.limits.reservedConnections;
    server.on('connection', (socket: Socket) => this.admit(socket));
  }

  /** Whether a connection was let in on the reserve, so only a vital route may be served on it. */
  isReserved(socket: Socket): boolean {
    return this.reserved.has(socket);
  }

  /** Open connections now, ordinary and reserved (tests watch it return to zero). */
  get openConnections(): number {
    return this.open.size;
  }

  /** A reserved connection's request has arrived: its headers deadline is met. */
  requestArrived(socket: Socket): void {
    const timer = this.timers.get(socket);
    if (timer) clearTimeout(timer);
    this.timers.delete(socket);
  }

  private admit(socket: Socket): void {
    const isReserved = this.open.size >= this.limits.maxConnections;
    this.open.add(socket);
    if (isReserved) {
      this.reserved.add(socket);
      const timer = setTimeout(() => socket.destroy(), this.deadlineMs);
      timer.unref();
      this.timers.set(socket, timer);
    }
    socket.once('close', () => {
      this.open.delete(socket);
      this.requestArrived(socket);
    });
  }
}
