import type { InboundReceiver } from '../app/inbound/inbound-message.ts';
import type { HttpServer } from '../http/http-server.ts';
import type { Locale } from '../domain/localized-text.ts';
import type { Logger } from '../logging/logger.ts';

/**
 * What the composition root needs of a messenger channel: start it, stop it, and say how it is doing.
 * Everything platform-specific stays inside the channel's own folder.
 */
export interface RunningChannel {
  readonly name: 'telegram' | 'zalo' | 'console';
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): 'running' | 'failed';
}

/** What a messenger channel is built from: its API, its optional webhook, and the receive path it feeds. */
export interface MessengerChannelOptions {
  token: string;
  apiRoot: string;
  webhookUrl?: string;
  webhookSecret?: string;
  http: HttpServer;
  inbound: InboundReceiver;
  logger: Logger;
  locale: Locale;
}
