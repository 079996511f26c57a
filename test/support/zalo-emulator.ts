/**
 * A loopback emulator of the Zalo Bot Platform API, for tests and benchmarks: the client talks
 * to it over real HTTP exactly as it would to the platform (give `emulator.url` as `apiRoot`).
 *
 * Behaviour copied from the platform: `POST /bot<token>/<method>`, envelopes
 * `{ ok, result?, error_code?, description? }`, a wrong token answers HTTP 401, `getUpdates`
 * answers ONE update and no offset exists, an empty long poll answers `error_code: 408` (with HTTP
 * 200 by default, 408 when configured), texts are limited to 1–2000 characters, webhook secrets to
 * 8–256. Chosen here because the platform does not say: `getUpdates` while a webhook is set answers
 * HTTP 409 `{ ok: false, error_code: 409 }` (Telegram's behaviour); unknown methods answer 404.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ZaloUpdate } from '../../src/channels/zalo/zalo-types.ts';
import { ZaloUpdateFactory, type ZaloContent, type ZaloSender } from './zalo-update-factory.ts';
import { deliverToWebhook, type ZaloWebhookDelivery } from './zalo-webhook-delivery.ts';
import { answerMethod, type Answer, type MethodState } from './zalo-emulator-methods.ts';
import type { ZaloEmulatorOptions, ZaloFailure, ZaloCall, SentMessage } from './zalo-emulator-state.ts';
import { UpdateQueue } from './zalo-update-queue.ts';
import { answer, errorAnswer, failureAnswer, INVALID_JSON, readJson } from './zalo-emulator-http.ts';
import { ChangeNotifier } from './change-notifier.ts';

export type { ZaloEmulatorOptions, ZaloFailure, ZaloCall, SentMessage, SentPhoto, SentChatAction } from './zalo-emulator-state.ts';

const DEFAULT_TOKEN = '1234567890:emulator-Secret-Token_abcdef';

/** The emulator: start it, hand `url` and `token` to the client, play the user through the controls. */
export class ZaloEmulator {
  readonly token: string;
  readonly state: MethodState;
  readonly webhookDeliveries: ZaloWebhookDelivery[] = [];
  readonly #options: ZaloEmulatorOptions;
  readonly #server: Server;
  readonly #factory = new ZaloUpdateFactory();
  readonly #queue = new UpdateQueue();
  readonly #history = new Map<string, ZaloUpdate>();
  readonly #failures = new Map<string, ZaloFailure[]>();
  readonly #changes = new ChangeNotifier('ZaloEmulator');
  readonly #deliveries = new Set<Promise<void>>();
  readonly #handling = new Set<Promise<void>>();
  #port = 0;

  private constructor(options: ZaloEmulatorOptions) {
    this.#options = options;
    this.token = options.token ?? DEFAULT_TOKEN;
    this.state = { sent: [], photos: [], chatActions: [], calls: [], sendTimes: [], throttled: 0, webhook: undefined, outCounter: 0 };
    this.#server = createServer((req, res) => {
      const handling = this.#handle(req, res)
        .catch((error: unknown) => answer(res, errorAnswer(500, String(error))))
        .finally(() => this.#handling.delete(handling));
      this.#handling.add(handling);
    });
  }

  /** Starts an emulator on 127.0.0.1 with an ephemeral port. */
  static async start(options: ZaloEmulatorOptions = {}): Promise<ZaloEmulator> {
    const emulator = new ZaloEmulator(options);
    await new Promise<void>((resolve, reject) => {
      emulator.#server.once('error', reject);
      emulator.#server.listen(0, '127.0.0.1', () => resolve());
    });
    emulator.#port = (emulator.#server.address() as AddressInfo).port;
    return emulator;
  }

  /** The `apiRoot` to give the client. */
  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Every text the bot sent, in order. */
  get sent(): SentMessage[] {
    return this.state.sent;
  }

  /** Every call the bot made (wrong-token calls excluded), in order. */
  get calls(): ZaloCall[] {
    return this.state.calls;
  }

  /** Updates queued for `getUpdates` and not yet taken. */
  get pendingUpdates(): number {
    return this.#queue.pending;
  }

  /** Long polls parked, waiting for an update. */
  get parkedPolls(): number {
    return this.#queue.parked;
  }

  /** The user sends a text. Returns the update (queued, or pushed to the webhook when one is set). */
  userSends(input: ZaloSender & { text: string }): ZaloUpdate {
    return this.#userSent(input, { kind: 'text', text: input.text });
  }

  /** The user sends a photo (a URL), with an optional caption. */
  userSendsPhoto(input: ZaloSender & { photo: string; caption?: string }): ZaloUpdate {
    const content: ZaloContent = { kind: 'image', photo: input.photo, ...(input.caption === undefined ? {} : { caption: input.caption }) };
    return this.#userSent(input, content);
  }

  /** The user sends a sticker. */
  userSendsSticker(input: ZaloSender & { sticker: string }): ZaloUpdate {
    return this.#userSent(input, { kind: 'sticker', sticker: input.sticker });
  }

  /** The user sends something the platform withholds from bots (voice, file, location…). */
  userSendsUnsupported(input: ZaloSender): ZaloUpdate {
    return this.#userSent(input, { kind: 'unsupported' });
  }

  /** Delivers an earlier update again, as the platform may (it has no offset). */
  redeliver(messageId: string): ZaloUpdate {
    const update = this.#history.get(messageId);
    if (update === undefined) throw new Error(`ZaloEmulator: no update with message_id ${messageId}`);
    this.#route(update);
    return update;
  }

  /** Queues anything as the next `getUpdates` result, e.g. a malformed update. */
  injectRawUpdate(raw: unknown): void {
    this.#queue.push(raw);
  }

  /** The next `times` calls of `method` ('*' for any) fail as given; `drop` cuts the connection. */
  failNext(method: string, failure: ZaloFailure = {}, times = 1): void {
    const list = this.#failures.get(method) ?? [];
    for (let i = 0; i < times; i += 1) list.push(failure);
    this.#failures.set(method, list);
  }

  /** Texts sent to one chat, in order. */
  messagesTo(chatId: string): SentMessage[] {
    return this.state.sent.filter((message) => message.chatId === chatId);
  }

  /** Waits until `count` texts were sent, or one matches `predicate`; returns the sent (or matching) ones. */
  waitForSent(condition: number | ((message: SentMessage) => boolean), timeoutMs = 2000): Promise<SentMessage[]> {
    const probe = (): SentMessage[] | undefined => {
      if (typeof condition === 'number') return this.state.sent.length >= condition ? [...this.state.sent] : undefined;
      const matches = this.state.sent.filter(condition);
      return matches.length > 0 ? matches : undefined;
    };
    return this.#changes.waitFor(probe, timeoutMs, () => `sent messages (${this.state.sent.length} so far: ${JSON.stringify(this.state.sent.map((m) => m.text))})`);
  }

  /** Waits until `count` calls of `method` were made (e.g. a poller is parked in a long poll). */
  waitForCalls(method: string, count: number, timeoutMs = 2000): Promise<ZaloCall[]> {
    const probe = (): ZaloCall[] | undefined => {
      const calls = this.state.calls.filter((call) => call.method === method);
      return calls.length >= count ? calls : undefined;
    };
    return this.#changes.waitFor(probe, timeoutMs, () => `${count} ${method} calls`);
  }

  /** Waits until `count` webhook delivery attempts were recorded. */
  waitForWebhookDeliveries(count: number, timeoutMs = 2000): Promise<ZaloWebhookDelivery[]> {
    const probe = (): ZaloWebhookDelivery[] | undefined => (this.webhookDeliveries.length >= count ? [...this.webhookDeliveries] : undefined);
    return this.#changes.waitFor(probe, timeoutMs, () => `${count} webhook deliveries`);
  }

  /** Answers parked long polls (408), waits for calls and webhook deliveries in flight, closes the server. */
  async close(): Promise<void> {
    this.#queue.releaseAll();
    const inFlight = Promise.allSettled([...this.#deliveries, ...this.#handling]);
    await Promise.race([inFlight, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #userSent(sender: ZaloSender, content: ZaloContent): ZaloUpdate {
    const update = this.#factory.build(sender, content);
    this.#history.set(update.message.message_id, update);
    this.#route(update);
    return update;
  }

  #route(update: ZaloUpdate): void {
    const webhook = this.state.webhook;
    if (webhook === undefined) {
      this.#queue.push(update);
      return;
    }
    const target = {
      url: webhook.url,
      secret: webhook.secret,
      body: this.#options.webhookBody ?? 'wrapped',
      retries: this.#options.webhookRetries ?? 0,
      retryDelayMs: 50,
      timeoutMs: 5000,
    } as const;
    const delivery = deliverToWebhook(target, update).then((attempts) => {
      this.webhookDeliveries.push(...attempts);
      this.#changes.notify();
    });
    this.#deliveries.add(delivery);
    void delivery.finally(() => this.#deliveries.delete(delivery));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const body = await readJson(req);
    if (match === null || req.method !== 'POST') {
      answer(res, errorAnswer(404, 'Not Found'));
      return;
    }
    const [, token, method = ''] = match;
    if (token !== this.token) {
      answer(res, errorAnswer(401, 'Unauthorized'));
      return;
    }
    const params = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    this.state.calls.push({ method, body: params, at: Date.now() });
    this.#changes.notify();
    const failure = this.#takeFailure(method);
    if (failure?.drop === true) {
      req.socket.destroy();
      return;
    }
    if (failure !== undefined) {
      answer(res, failureAnswer(failure));
      return;
    }
    if (body === INVALID_JSON) {
      answer(res, errorAnswer(400, 'Bad Request: invalid JSON body'));
      return;
    }
    const result = method === 'getUpdates' ? await this.#getUpdates(params, res) : answerMethod(method, params, this.state, this.#options);
    if (result !== undefined) answer(res, result);
    this.#changes.notify();
  }

  /** Answers one queued update at once, or parks until one arrives or the wait ends (then 408). */
  async #getUpdates(params: Record<string, unknown>, res: ServerResponse): Promise<Answer | undefined> {
    if (this.state.webhook !== undefined) {
      return errorAnswer(409, 'Conflict: getUpdates is not available while a webhook is set');
    }
    const seconds = Number(params['timeout'] ?? 30);
    const waitMs = Math.min(Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 30_000, this.#options.maxPollWaitMs ?? 1000);
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const update = await this.#queue.take(waitMs, gone.signal);
    if (update === null) return undefined;
    if (update !== undefined) return { status: 200, body: { ok: true, result: update } };
    const status = this.#options.emptyPollHttpStatus ?? 200;
    return { status, body: { ok: false, error_code: 408, description: 'Request Timeout: no update' } };
  }

  #takeFailure(method: string): ZaloFailure | undefined {
    for (const key of [method, '*']) {
      const list = this.#failures.get(key);
      if (list !== undefined && list.length > 0) return list.shift();
    }
    return undefined;
  }
}
