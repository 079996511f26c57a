/**
 * Pushes queued updates to the bot's webhook as the Bot API does: a JSON POST per update, with
 * `X-Telegram-Bot-Api-Secret-Token` when a secret was set; one update at a time per chat, in
 * order, chats in parallel up to `max_connections`. Any 2xx is success; anything else, a network
 * error or a timeout is retried after each of the configured delays, then the update is given up
 * and `last_error_message` set. A 2xx answer carrying `{ method, ...params }` is executed as a
 * call, as the real server does with webhook replies.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { PendingUpdate, UpdateStore } from './update-store.ts';
import type { TgUpdate, WebhookDelivery } from './types.ts';

/** The webhook as set by `setWebhook`. */
export interface WebhookConfig {
  url: string;
  secretToken: string | undefined;
  maxConnections: number;
}

/** What the dispatcher needs from the emulator. */
export interface WebhookDispatcherDeps {
  store: UpdateStore;
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  record(delivery: WebhookDelivery): void;
  executeReply(method: string, params: Record<string, unknown>): Promise<void>;
}

/** The header the Bot API puts the secret in. */
export const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

/** Delivers pending updates while a webhook is set. */
export class WebhookDispatcher {
  #config: WebhookConfig | undefined;
  #generation = 0;
  #controller = new AbortController();
  readonly #busyChats = new Set<string>();
  readonly #running = new Set<Promise<void>>();
  lastErrorDate: number | undefined;
  lastErrorMessage: string | undefined;

  constructor(readonly deps: WebhookDispatcherDeps) {}

  /** The current webhook, if any. */
  get config(): WebhookConfig | undefined {
    return this.#config;
  }

  /** Sets (or replaces, or with undefined removes) the webhook; deliveries in flight are abandoned. */
  configure(config: WebhookConfig | undefined): void {
    this.#generation += 1;
    this.#controller.abort();
    this.#controller = new AbortController();
    this.#busyChats.clear();
    this.deps.store.resetInFlight();
    this.#config = config;
    if (config === undefined) {
      this.lastErrorDate = undefined;
      this.lastErrorMessage = undefined;
    }
    this.pump();
  }

  /** Starts deliveries for chats that are free, up to `max_connections`. */
  pump(): void {
    const config = this.#config;
    if (config === undefined) return;
    for (const entry of this.deps.store.entries) {
      if (this.#busyChats.size >= config.maxConnections) return;
      const lane = laneOf(entry.update);
      if (entry.inFlight || this.#busyChats.has(lane)) continue;
      entry.inFlight = true;
      this.#busyChats.add(lane);
      const run = this.#deliver(config, entry, lane, this.#generation).finally(() => this.#running.delete(run));
      this.#running.add(run);
    }
  }

  /** POSTs a raw body to the webhook (for tests of malformed input); answers the HTTP status. */
  async postRaw(body: string | Buffer, headers: Record<string, string | null>): Promise<number> {
    const config = this.#config;
    if (config === undefined) throw new Error('TelegramEmulator: no webhook is set');
    const sent: Record<string, string> = { 'content-type': 'application/json' };
    if (config.secretToken !== undefined) sent[SECRET_HEADER.toLowerCase()] = config.secretToken;
    for (const [name, value] of Object.entries(headers)) {
      if (value === null) delete sent[name.toLowerCase()];
      else sent[name.toLowerCase()] = value;
    }
    const response = await fetch(config.url, { method: 'POST', headers: sent, body, signal: AbortSignal.timeout(this.deps.timeoutMs) });
    await response.arrayBuffer();
    return response.status;
  }

  /** Abandons every delivery and waits (bounded) for them to settle. */
  async close(): Promise<void> {
    this.configure(undefined);
    await Promise.race([Promise.allSettled([...this.#running]), sleep(1000, undefined, { ref: false })]);
  }

  async #deliver(config: WebhookConfig, entry: PendingUpdate, lane: string, generation: number): Promise<void> {
    const signal = this.#controller.signal;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.#post(config, entry.update, signal);
      if (generation !== this.#generation) return;
      const delivery: WebhookDelivery = { updateId: entry.update.update_id, status: outcome.status, attempt, at: Date.now() };
      if (outcome.error !== undefined) delivery.error = outcome.error;
      this.deps.record(delivery);
      if (outcome.status >= 200 && outcome.status < 300) {
        this.deps.store.remove(entry);
        if (outcome.reply !== undefined) await this.deps.executeReply(outcome.reply.method, outcome.reply.params).catch(() => undefined);
        break;
      }
      this.lastErrorDate = Math.floor(Date.now() / 1000);
      this.lastErrorMessage = outcome.error ?? `Wrong response from the webhook: ${outcome.status} ${outcome.statusText}`;
      const delay = this.deps.retryDelaysMs[attempt - 1];
      if (delay === undefined) {
        this.deps.store.remove(entry);
        break;
      }
      const slept = await sleep(delay, true, { signal }).catch(() => false);
      if (!slept || generation !== this.#generation) return;
    }
    if (generation !== this.#generation) return;
    this.#busyChats.delete(lane);
    this.pump();
  }

  async #post(config: WebhookConfig, update: TgUpdate, signal: AbortSignal): Promise<PostOutcome> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (config.secretToken !== undefined) headers[SECRET_HEADER] = config.secretToken;
    try {
      const response = await fetch(config.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(update),
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.deps.timeoutMs)]),
      });
      const text = await response.text();
      return { status: response.status, statusText: response.statusText, reply: webhookReply(response.headers.get('content-type'), text) };
    } catch (error) {
      const name = (error as Error).name;
      return { status: 0, statusText: '', error: name === 'TimeoutError' ? 'Read timeout expired' : `Connection failed: ${(error as Error).message}` };
    }
  }
}

interface PostOutcome {
  status: number;
  statusText: string;
  error?: string;
  reply?: { method: string; params: Record<string, unknown> };
}

function webhookReply(contentType: string | null, text: string): PostOutcome['reply'] {
  if (contentType === null || !/json/i.test(contentType) || text === '') return undefined;
  try {
    const body = JSON.parse(text) as unknown;
    if (body === null || typeof body !== 'object') return undefined;
    const { method, ...params } = body as Record<string, unknown>;
    return typeof method === 'string' ? { method, params } : undefined;
  } catch {
    return undefined;
  }
}

/** Updates of one chat are delivered one at a time. */
function laneOf(update: TgUpdate): string {
  const chat = update.message?.chat.id ?? update.callback_query?.message.chat.id ?? update.callback_query?.from.id;
  return chat === undefined ? 'none' : String(chat);
}
