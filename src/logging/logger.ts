import { createRequire } from 'node:module';
import { pino, type Logger, type DestinationStream } from 'pino';
import type PinoPretty from 'pino-pretty';
import { createRedactor } from './redact.ts';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Human-readable lines for a terminal; JSON lines otherwise (production, pipes, files). */
  pretty: boolean;
  secrets: readonly string[];
  destination?: DestinationStream;
}

/**
 * The product's logger: pino, with every record passed through the redactor so that no token, webhook
 * secret or invitation code reaches a log line, whoever wrote the call.
 */
export function createLogger(options: LoggerOptions): Logger {
  const redact = createRedactor(options.secrets);
  const config = {
    level: options.level,
    base: undefined,
    formatters: { log: (record: Record<string, unknown>) => redact(record) as Record<string, unknown> },
    hooks: {
      logMethod(this: Logger, args: unknown[], method: (...args: unknown[]) => void) {
        method.apply(this, args.map((arg) => (typeof arg === 'string' ? redact(arg) : arg)));
      },
    },
    serializers: {
      err: (error: unknown) => redact(pino.stdSerializers.err(error as Error)),
    },
  };
  if (options.destination) return pino(config, options.destination);
  if (options.pretty) {
    // Loaded only for a terminal (a service logs JSON and never holds it). Synchronous, so log lines and
    // the terminal chat appear in the order they happen.
    const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
    return pino(config, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', destination: 2, sync: true }));
  }
  return pino(config, pino.destination(2));
}
