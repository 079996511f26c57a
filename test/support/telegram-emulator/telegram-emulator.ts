/**
 * A loopback Telegram Bot API server for tests and benchmarks: the real bot (telegraf, with
 * `telegram: { apiRoot: tg.apiRoot }`) talks to it over HTTP as it would to api.telegram.org,
 * while the test plays the users (`userSends`, `userPresses`…), injects faults and inspects what
 * the bot did. Rate limits are on by default, at the platform's values (see `rate-limiter.ts`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, tooManyRequests, UNAUTHORIZED, NOT_FOUND } from './api-error.ts';
import { CommandStore, type CommandScope } from './bot-commands.ts';
import { appendBounded } from './bounded-log.ts';
import { CallbackRegistry } from './callback-queries.ts';
import { ChangeSignal } from './change-signal.ts';
import { ChatRegistry } from './chat-registry.ts';
import { botIdOf, clientGoneSignal, isWellFormedToken, parseBotPath, writeJson } from './http-front.ts';
import { LongPollGate } from './long-poll-gate.ts';
import { MessageLog } from './message-log.ts';
import type { MethodContext } from './method-context.ts';
import { callMethod, canonicalMethod, errorAnswer, type MethodAnswer } from './method-router.ts';
import { FaultInjector, failureError } from './fault-injector.ts';
import { achievedRate, DEFAULT_RATE_LIMIT, SendRateLimiter } from './rate-limiter.ts';
import { loggableParams, readRequest } from './request-body.ts';
import type { ApiCall, BotCommand, CallbackRecord, ChatActionRecord, InjectedFailure, TelegramEmulatorOptions, TgUser, WebhookDelivery } from './types.ts';
import { UpdateStore } from './update-store.ts';
import { UserActions } from './user-actions.ts';
import { WebhookDispatcher } from './webhook-dispatcher.ts';

/** A token of the right shape, used when the test gives none. */
export const DEFAULT_TOKEN = '7000000001:AAEmulatorTokenForTests_0123456789abc';

/** Counters of the sending limits, and when each accepted send happened (`performance.now()` ms). */
export interface SendStats {
  accepted: number;
  throttled: number;
  /** Refusals by the limit that was reached. */
  refusals?: { global: number; chat: number; group: number };
  acceptedAt: number[];
}

/** The emulator. Start it with `TelegramEmulator.start()`, always `close()` it. */
export class TelegramEmulator extends UserActions {
  readonly token: string;
  readonly bot: TgUser;
  /** Every call the bot made, with its parameters and answered status (the token is never stored). */
  readonly calls: ApiCall[] = [];
  /** Every webhook POST attempt. */
  readonly webhookDeliveries: WebhookDelivery[] = [];
  /** Every chat action the bot sent. */
  readonly chatActions: ChatActionRecord[] = [];
  readonly stats: SendStats = { accepted: 0, throttled: 0, acceptedAt: [] };
  readonly #options: TelegramEmulatorOptions;
  readonly #maxRecords: number;
  readonly #server: Server;
  readonly #closing = new AbortController();
  readonly #faults = new FaultInjector();
  readonly #polls = new LongPollGate();
  readonly #commands = new CommandStore();
  readonly #webhook: WebhookDispatcher;
  readonly #ctx: MethodContext;
  #limiter: SendRateLimiter | undefined;
  #port = 0;

  private constructor(options: TelegramEmulatorOptions) {
    const maxRecords = options.maxRecords ?? 100_000;
    const chats = new ChatRegistry();
    const updates = new UpdateStore(maxRecords);
    const messages = new MessageLog(maxRecords);
    const callbacks = new CallbackRegistry(maxRecords);
    const signal = new ChangeSignal('TelegramEmulator');
    super({ chats, updates, messages, callbacks, signal, maxRecords });
    this.#options = options;
    this.#maxRecords = maxRecords;
    this.token = options.token ?? DEFAULT_TOKEN;
    this.bot = { id: botIdOf(this.token), is_bot: true, first_name: options.botFirstName ?? 'Báo cáo (test)', username: options.botUsername ?? 'baocao_test_bot' };
    this.#limiter = this.#newLimiter();
    this.#webhook = new WebhookDispatcher({
      store: updates,
      retryDelaysMs: options.webhookRetryDelaysMs ?? [50, 200, 1000],
      timeoutMs: options.webhookTimeoutMs ?? 10_000,
      record: (delivery) => {
        appendBounded(this.webhookDeliveries, delivery, maxRecords);
        signal.notify();
      },
      executeReply: async (method, params) => {
        const call: ApiCall = { method: canonicalMethod(method) ?? method, params, at: Date.now(), viaWebhookReply: true };
        appendBounded(this.calls, call, maxRecords);
        call.status = (await this.#dispatch(method, { params, files: {} }, this.#closing.signal)).status;
      },
    });
    this.#ctx = {
      bot: this.bot, chats, messages, callbacks, updates, commands: this.#commands, webhook: this.#webhook, polls: this.#polls,
      chatActions: this.chatActions, maxRecords, maxLongPollSeconds: options.maxLongPollSeconds ?? 50,
      admitSend: (chatId) => this.#admitSend(chatId),
    };
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => writeJson(res, 500, errorAnswer(new ApiError(500, String(error))).body));
    });
  }

  /** Starts an emulator on 127.0.0.1, on a free port. */
  static async start(options: TelegramEmulatorOptions = {}): Promise<TelegramEmulator> {
    const emulator = new TelegramEmulator(options);
    await new Promise<void>((resolve, reject) => {
      emulator.#server.once('error', reject);
      emulator.#server.listen(0, '127.0.0.1', () => resolve());
    });
    emulator.#port = (emulator.#server.address() as AddressInfo).port;
    return emulator;
  }

  /** The `apiRoot` to give telegraf (`new Telegraf(token, { telegram: { apiRoot } })`). */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** The webhook currently set, if any (URL, secret, max_connections). */
  get webhook(): { url: string; secretToken: string | undefined; maxConnections: number } | undefined {
    return this.#webhook.config;
  }

  /** The next `times` calls of `method` ('*' for any method) fail as given; `drop` cuts the connection. */
  failNext(method: string, failure: InjectedFailure, times = 1): void {
    this.#faults.add(method === '*' ? '*' : (canonicalMethod(method) ?? method), failure, times);
  }

  /** The stored command list of a scope (default scope when absent) and language (all languages when absent). */
  commands(scope?: CommandScope, languageCode?: string): BotCommand[] {
    return this.#commands.list(scope, languageCode);
  }

  /** Callback queries the bot has not answered yet. */
  unansweredCallbacks(): CallbackRecord[] {
    return this.callbackRegistry.unanswered();
  }

  /** POSTs a raw body to the webhook; the secret header is added when one is set unless `headers` sets it (null omits it). */
  postRawToWebhook(body: string | Buffer, headers: Record<string, string | null> = {}): Promise<number> {
    return this.#webhook.postRaw(body, headers);
  }

  /** Accepted sends a second between the first and last accepted send (0 with fewer than two). */
  achievedRate(): number {
    return achievedRate(this.stats.acceptedAt);
  }

  /** Waits until `count` calls of `method` were made (e.g. telegraf is parked in `getUpdates`). */
  waitForCalls(method: string, count: number, timeoutMs = 5000): Promise<ApiCall[]> {
    const name = canonicalMethod(method) ?? method;
    return this.waitUntil(() => {
      const calls = this.calls.filter((call) => call.method === name);
      return calls.length >= count ? calls : undefined;
    }, timeoutMs, () => `${count} ${name} calls (got ${this.calls.filter((call) => call.method === name).length})`);
  }

  /** Waits until `count` webhook POST attempts were recorded. */
  waitForWebhookDeliveries(count: number, timeoutMs = 5000): Promise<WebhookDelivery[]> {
    return this.waitUntil(
      () => (this.webhookDeliveries.length >= count ? [...this.webhookDeliveries] : undefined),
      timeoutMs,
      () => `${count} webhook deliveries (got ${JSON.stringify(this.webhookDeliveries)})`,
    );
  }

  /** Forgets all state (messages, calls, updates, webhook, commands, chats, faults, counters); the server keeps running. */
  reset(): void {
    this.#polls.endActive();
    this.#webhook.configure(undefined);
    this.resetUserSide();
    this.#commands.clear();
    this.#faults.clear();
    this.calls.length = 0;
    this.webhookDeliveries.length = 0;
    this.chatActions.length = 0;
    Object.assign(this.stats, { accepted: 0, throttled: 0, acceptedAt: [] });
    this.#limiter = this.#newLimiter();
  }

  /** Ends long polls (empty result), abandons webhook retries, fails pending waits and closes the server. */
  async close(): Promise<void> {
    this.#closing.abort();
    this.#polls.endActive();
    this.changes.close();
    await this.#webhook.close();
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => this.#server.closeAllConnections(), 100);
      this.#server.close(() => {
        clearTimeout(force);
        resolve();
      });
      this.#server.closeIdleConnections();
    });
  }

  protected override routeUpdate(): void {
    this.#webhook.pump();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = parseBotPath(url.pathname);
    if (path === undefined || !isWellFormedToken(path.token)) {
      req.resume();
      return writeJson(res, 404, NOT_FOUND().toBody());
    }
    if (path.token !== this.token) {
      req.resume();
      return writeJson(res, 401, UNAUTHORIZED().toBody());
    }
    const signal = AbortSignal.any([clientGoneSignal(res), this.#closing.signal]);
    let answer: MethodAnswer;
    let call: ApiCall | undefined;
    try {
      const request = await readRequest(req, url);
      call = { method: canonicalMethod(path.method) ?? path.method, params: loggableParams(request), at: Date.now() };
      appendBounded(this.calls, call, this.#maxRecords);
      this.changes.notify();
      const failure = this.#faults.take(call.method);
      if (failure?.drop === true) {
        call.status = 0;
        req.socket.destroy();
        return;
      }
      answer = failure === undefined ? await this.#dispatch(path.method, request, signal) : errorAnswer(failureError(failure));
    } catch (error) {
      answer = errorAnswer(error instanceof ApiError ? error : new ApiError(500, String(error)));
    }
    if (call !== undefined) call.status = answer.status;
    writeJson(res, answer.status, answer.body);
    this.changes.notify();
  }

  async #dispatch(method: string, request: Parameters<typeof callMethod>[2], signal: AbortSignal): Promise<MethodAnswer> {
    const answer = await callMethod(this.#ctx, method, request, { signal });
    this.changes.notify();
    return answer;
  }

  #admitSend(chatId: number): void {
    const wait = this.#limiter?.admit(chatId);
    if (wait !== undefined) {
      this.stats.throttled += 1;
      if (this.#limiter) this.stats.refusals = { ...this.#limiter.refusals };
      throw tooManyRequests(wait);
    }
    this.stats.accepted += 1;
    appendBounded(this.stats.acceptedAt, performance.now(), this.#maxRecords);
  }

  #newLimiter(): SendRateLimiter | undefined {
    const options = this.#options.rateLimit;
    return options === false ? undefined : new SendRateLimiter(options ?? DEFAULT_RATE_LIMIT, this.#options.limiterClock);
  }
}
