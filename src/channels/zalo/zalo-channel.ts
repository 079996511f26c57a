import type { InboundReplies } from '../../app/inbound/inbound-message.ts';
import type { HttpRequest, HttpResponse } from '../../http/http-server.ts';
import { translate } from '../../i18n/translator.ts';
import type { MessengerChannelOptions, RunningChannel } from '../channel.ts';
import { renderAsNumberedText } from '../render-reply.ts';
import { splitMessage } from '../split-message.ts';
import { secretScreen, webhookPath } from '../webhook-secret.ts';
import { ZALO_TEXT_LIMIT, ZaloClient } from './zalo-client.ts';
import { ZaloApiError } from './zalo-errors.ts';
import { ZaloPoller, type ZaloPollerErrorSource } from './zalo-poller.ts';
import { withRetry, type BackoffOptions, type RetryOptions } from './zalo-retry.ts';
import { unwrapWebhookBody, type ZaloUpdate } from './zalo-types.ts';
import { toInboundMessage, zaloBotKey } from './zalo-updates.ts';

/** Timing knobs; the defaults suit production, tests shorten them. */
export interface ZaloChannelTuning {
  /** The long-poll `timeout` sent to the platform, in seconds. Default 30. */
  pollTimeoutSeconds?: number;
  /** Backoff after failed polls. Default 1 s doubling up to 60 s. */
  pollBackoff?: BackoffOptions;
  /** Retries of one reply part on 429, 5xx and network failures. Default 4 attempts, up to 30 s apart. */
  sendRetry?: Pick<RetryOptions, 'attempts' | 'baseDelayMs' | 'maxDelayMs' | 'random'>;
}

export interface ZaloChannelOptions extends MessengerChannelOptions {
  tuning?: ZaloChannelTuning;
}

const WEBHOOK_SECRET_HEADER = 'x-bot-api-secret-token';

/**
 * The Zalo channel: our own typed client, long polling or a webhook, and the inbound pipeline for
 * everything else. Zalo answers one update per poll with no offset and says nothing of redelivering
 * webhooks, so each update is kept in the database (by the pipeline) before it is handled: a crash
 * loses nothing, and the pipeline recognises a message delivered again. Zalo has no buttons: choices
 * go out as numbered lines, and long replies are split at 2000 characters.
 */
export class ZaloChannel implements RunningChannel {
  readonly name = 'zalo' as const;
  readonly #options: ZaloChannelOptions;
  readonly #client: ZaloClient;
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #botKey: string;
  #health: 'running' | 'failed' = 'running';
  #poller: ZaloPoller | undefined;
  #stopped = false;

  constructor(options: ZaloChannelOptions) {
    this.#options = options;
    this.#client = new ZaloClient({ token: options.token, apiRoot: options.apiRoot });
    this.#botKey = zaloBotKey(options.token);
  }

  status(): 'running' | 'failed' {
    return this.#health;
  }

  async start(): Promise<void> {
    const { logger, webhookUrl, webhookSecret } = this.#options;
    this.#stopped = false;
    try {
      await this.#client.getMe();
    } catch (error) {
      this.#fail(startFailureKey(error), error);
      return;
    }
    this.#options.inbound.attach('zalo', (identity, result) => this.#sendReplies(identity.chatId, result));
    await this.#track(this.#options.inbound.replay('zalo', this.#botKey));
    if (webhookUrl && webhookSecret) {
      // The secret is checked on the headers, before the body is read (see HttpServer's screens).
      const screen = secretScreen(WEBHOOK_SECRET_HEADER, webhookSecret);
      this.#options.http.route('POST', webhookPath(webhookUrl), (request) => this.#receiveWebhook(request), { screen });
      try {
        await this.#client.setWebhook({ url: webhookUrl, secret_token: webhookSecret });
      } catch (error) {
        this.#fail('startup.zalo_webhook_failed', error);
        return;
      }
      logger.info(this.#t('startup.zalo_on_webhook'));
      return;
    }
    // getUpdates does not work while a webhook is set; a failure here shows up again in the polls.
    await this.#client.deleteWebhook().catch((error: unknown) => logger.warn({ err: error }, 'zalo webhook not deleted'));
    this.#startPolling();
    logger.info(this.#t('startup.zalo_on_polling'));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const poller = this.#poller;
    this.#poller = undefined;
    if (poller !== undefined) await poller.stop();
    await this.settled();
  }

  /** Resolves once every update received so far is handled and its replies sent (or given up). */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  #startPolling(): void {
    const { logger, tuning } = this.#options;
    const poller = new ZaloPoller({
      client: this.#client,
      // Kept before the next poll, handled in the background: one slow person does not hold up the others.
      onUpdate: async (update) => {
        await this.#hold(update);
      },
      onError: (error, source) => this.#logPollError(error, source),
      onFatal: (error) => {
        this.#health = 'failed';
        logger.error({ code: error.errorCode }, this.#t('startup.zalo_polling_stopped'));
      },
      ...(tuning?.pollTimeoutSeconds === undefined ? {} : { pollTimeoutSeconds: tuning.pollTimeoutSeconds }),
      ...(tuning?.pollBackoff === undefined ? {} : { backoff: tuning.pollBackoff }),
    });
    this.#poller = poller;
    void poller.start();
  }

  /** The webhook, its secret already checked: read the update, keep it, handle it, then answer. */
  async #receiveWebhook(request: HttpRequest): Promise<HttpResponse> {
    if (this.#stopped || this.#health === 'failed') return { status: 503 };
    let body: unknown;
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch {
      return { status: 400 };
    }
    const update = unwrapWebhookBody(body);
    if (update === null) return { status: 400 };
    // Answered once handled: the platform then sends one chat's messages one at a time, whichever worker gets them.
    await this.#hold(update, true);
    return { status: 200 };
  }

  /**
   * Keeps the update in the database, then has the pipeline handle it (in the sender's order); with
   * `untilHandled`, resolves only once it is handled and answered. What the bot does not answer (a bot,
   * a group) is skipped.
   */
  async #hold(update: ZaloUpdate, untilHandled = false): Promise<void> {
    const message = toInboundMessage(update, this.#botKey);
    if (message === null) return;
    const inbound = this.#options.inbound;
    await inbound.hold(message);
    const handled = this.#track(inbound.receive(message));
    if (untilHandled) await handled;
  }

  #track<T>(work: Promise<T>): Promise<T | undefined> {
    const logged = work.catch((error: unknown) => {
      this.#options.logger.error({ err: error }, 'zalo update failed');
      return undefined;
    });
    this.#inFlight.add(logged);
    void logged.finally(() => this.#inFlight.delete(logged));
    return logged;
  }

  /** Sends every reply as numbered plain text, split at Zalo's limit; stops at the first part that fails for good. */
  async #sendReplies(chatId: string, result: InboundReplies): Promise<void> {
    const parts = result.replies.flatMap((reply) => splitMessage(renderAsNumberedText(reply, result.locale), ZALO_TEXT_LIMIT));
    for (const text of parts) {
      try {
        await this.#sendPart(chatId, text);
      } catch (error) {
        const failure = error instanceof ZaloApiError ? { code: error.errorCode, kind: error.kind } : { code: undefined, kind: 'unknown' };
        this.#options.logger.warn({ ...failure, chat: chatId }, 'zalo reply not delivered');
        return;
      }
    }
  }

  /** One part, retried on 429 (honouring Retry-After), 5xx and network failures; other 4xx are final. */
  #sendPart(chatId: string, text: string): Promise<unknown> {
    const retry = this.#options.tuning?.sendRetry ?? {};
    return withRetry(() => this.#client.sendMessage({ chat_id: chatId, text }), {
      attempts: 4,
      baseDelayMs: 500,
      maxDelayMs: 30_000,
      ...retry,
      onRetry: (error, attempt, delayMs) => {
        const code = error instanceof ZaloApiError ? error.errorCode : undefined;
        this.#options.logger.warn({ code, attempt, delayMs, chat: chatId }, 'zalo send retried');
      },
    });
  }

  #logPollError(error: unknown, source: ZaloPollerErrorSource): void {
    if (source === 'malformed_update') {
      this.#options.logger.warn({ err: error }, 'zalo update malformed, skipped');
      return;
    }
    const code = error instanceof ZaloApiError ? error.errorCode : undefined;
    this.#options.logger.warn({ code, source, err: error }, 'zalo poll failed, retrying');
  }

  #fail(key: string, error: unknown): void {
    this.#health = 'failed';
    const code = error instanceof ZaloApiError ? error.errorCode : 0;
    this.#options.logger.error({ code }, this.#t(key, { code }));
  }

  #t(key: string, params?: Record<string, string | number>): string {
    return translate(this.#options.locale, key, params);
  }
}

/** Which start-up failure to report: a refused token, an unreachable server, or another answer. */
function startFailureKey(error: unknown): string {
  if (!(error instanceof ZaloApiError)) return 'startup.zalo_unreachable';
  if (error.kind === 'unauthorized') return 'startup.zalo_bad_token';
  if (error.kind === 'network' || error.kind === 'server' || error.kind === 'aborted') return 'startup.zalo_unreachable';
  return 'startup.zalo_api_error';
}
