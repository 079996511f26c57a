/**
 * An HTTP client on a bare TCP socket, for what fetch cannot do: send headers and then nothing, send
 * a request byte by byte, stall half way through a body, and see exactly when the server answers or
 * hangs up.
 */
import { connect, type Socket } from 'node:net';

/** One connection to the server; everything it receives is kept, and when it closed. */
export class RawHttpClient {
  private readonly chunks: Buffer[] = [];
  private readonly startedAt = performance.now();
  private closedAfter: number | null = null;
  private readonly waiters = new Set<() => void>();
  /** Resolves with the milliseconds from connecting to the server's hang-up (or ours). */
  readonly closed: Promise<number>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.wake();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.closedAfter = performance.now() - this.startedAt;
        this.wake();
        resolve(this.closedAfter);
      }),
    );
  }

  /** Opens a connection; resolves once it is established (the server may still close it at once). */
  static connect(port: number, host = '127.0.0.1'): Promise<RawHttpClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host);
      socket.once('connect', () => resolve(new RawHttpClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Everything received so far, as text. */
  get text(): string {
    return Buffer.concat(this.chunks).toString('latin1');
  }

  /** Whether the connection is closed. */
  get isClosed(): boolean {
    return this.closedAfter !== null;
  }

  /** The status codes of the responses received so far (a `100 Continue` included). */
  get statuses(): number[] {
    return [...this.text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));
  }

  /** Sends bytes now; ignored once the connection is closed. */
  write(data: string | Buffer): void {
    if (!this.isClosed && !this.socket.destroyed) this.socket.write(data);
  }

  /** Sends `text` one byte every `intervalMs`, until it is all sent or the connection closes. */
  async writeSlowly(text: string, intervalMs: number): Promise<number> {
    let sent = 0;
    for (const byte of text) {
      if (this.isClosed) break;
      this.write(byte);
      sent++;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    return sent;
  }

  /** Waits until the received text matches `pattern` or the connection closes; false after `timeoutMs`. */
  async waitFor(pattern: RegExp, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (!pattern.test(this.text) && !this.isClosed) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.add(() => (clearTimeout(timer), resolve()));
      });
    }
    return pattern.test(this.text);
  }

  /** Closes our side at once. */
  destroy(): void {
    this.socket.destroy();
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }
}

/** The head of a request, ready to send: request line, headers, blank line. */
export function requestHead(method: string, path: string, headers: Record<string, string | number>): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return `${lines.join('\r\n')}\r\n\r\n`;
}
