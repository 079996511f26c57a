/**
 * A small typed client for the Zalo Bot Platform HTTP API (there is no SDK for Node).
 *
 * Every call is `POST {apiRoot}/bot{token}/{method}` with a JSON body, and every answer is an
 * envelope `{ ok, result?, error_code?, description? }` that is read whatever the HTTP status.
 * Requests the platform would refuse are refused here first with a `ZaloValidationError`;
 * platform and transport failures become a `ZaloApiError`. The token never leaves this file
 * except inside the request URL.
 */
import { redactToken, ZaloApiError, ZaloValidationError } from './zalo-errors.ts';
import { withRetry, type RetryOptions } from './zalo-retry.ts';
import { describeNetworkError, isRecord, retryAfterMs, toEnvelope } from './zalo-envelope.ts';
import {
  parseZaloUpdate,
  type ZaloBotInfo,
  type ZaloEnvelope,
  type ZaloPollResult,
  type ZaloSentMessage,
  type ZaloWebhookInfo,
} from './zalo-types.ts';

/** The documented production host. */
export const ZALO_API_ROOT = 'https://bot-api.zaloplatforms.com';
/** The platform's limit on a message text and on a photo caption. */
export const ZALO_TEXT_LIMIT = 2000;

/** Options of `ZaloClient`. */
export interface ZaloClientOptions {
  token: string;
  /** Another host (the older `bot-api.zapps.me`, or an emulator in tests). */
  apiRoot?: string;
  fetch?: typeof fetch;
  /** Per-call HTTP timeout; a long poll gets its own `timeout` on top. Default 15 s. */
  timeoutMs?: number;
  /** Retry every call but `getUpdates` on 429/5xx/network. Default: no retry (the outbox decides). */
  retry?: RetryOptions;
}

/** Per-call options. */
export interface ZaloCallOptions {
  /** Cancels the call; it then fails with kind `aborted`. */
  signal?: AbortSignal;
}

interface RawAnswer {
  envelope: ZaloEnvelope;
  httpStatus: number;
  retryAfterMs: number | undefined;
}

/** The typed client; one instance per bot token. */
export class ZaloClient {
  readonly #token: string;
  readonly #base: string;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly #retry: RetryOptions | undefined;

  constructor(options: ZaloClientOptions) {
    if (options.token.trim().length === 0) throw new Error('ZaloClient: the bot token is empty');
    this.#token = options.token;
    this.#base = (options.apiRoot ?? ZALO_API_ROOT).replace(/\/+$/, '');
    if (!isHttpUrl(this.#base)) throw new Error('ZaloClient: apiRoot must be an http(s) URL');
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#retry = options.retry;
  }

  /** Checks the token and returns the bot's own account. */
  async getMe(options?: ZaloCallOptions): Promise<ZaloBotInfo> {
    const result = await this.#call('getMe', {}, options);
    const info = isRecord(result) ? result : {};
    return { ...info, id: String(info['id'] ?? '') };
  }

  /**
   * Long-polls for the next update. The platform answers ONE update object (no offset, so the
   * same message may come again) or `error_code: 408` when nothing arrived within `timeout`
   * seconds: that is `{ updates: [] }`, not an error. An array answer is tolerated (every item is
   * kept). Updates of the wrong shape are returned in `malformed` instead of being thrown.
   */
  async getUpdates(params: { timeout?: number } = {}, options?: ZaloCallOptions): Promise<ZaloPollResult> {
    const timeout = params.timeout ?? 30;
    if (!Number.isInteger(timeout) || timeout < 0 || timeout > 300) {
      throw new ZaloValidationError('timeout_invalid', 'getUpdates', 'timeout must be whole seconds in 0..300');
    }
    const answer = await this.#send('getUpdates', { timeout: String(timeout) }, options, timeout * 1000);
    const { envelope } = answer;
    if (!envelope.ok && (envelope.error_code ?? answer.httpStatus) === 408) return { updates: [], malformed: [] };
    const result = this.#unwrap('getUpdates', answer);
    const items = result === undefined || result === null ? [] : Array.isArray(result) ? result : [result];
    const poll: ZaloPollResult = { updates: [], malformed: [] };
    for (const item of items) {
      const parsed = parseZaloUpdate(item);
      if (parsed.ok) poll.updates.push(parsed.update);
      else poll.malformed.push(parsed.error);
    }
    return poll;
  }

  /** Switches the bot to webhook delivery; `secret_token` (8–256 characters) comes back in a header. */
  async setWebhook(params: { url: string; secret_token: string }, options?: ZaloCallOptions): Promise<void> {
    if (!isHttpUrl(params.url)) {
      throw new ZaloValidationError('webhook_url_invalid', 'setWebhook', 'url must be an http(s) URL');
    }
    const length = params.secret_token.length;
    if (length < 8 || length > 256) {
      throw new ZaloValidationError('secret_token_length', 'setWebhook', `secret_token must be 8-256 characters, got ${length}`);
    }
    await this.#call('setWebhook', { url: params.url, secret_token: params.secret_token }, options);
  }

  /** Removes the webhook so that `getUpdates` works again. */
  async deleteWebhook(options?: ZaloCallOptions): Promise<void> {
    await this.#call('deleteWebhook', {}, options);
  }

  /** The webhook currently set; `url` is empty when none is. */
  async getWebhookInfo(options?: ZaloCallOptions): Promise<ZaloWebhookInfo> {
    const result = await this.#call('getWebhookInfo', {}, options);
    const info = isRecord(result) ? result : {};
    const updatedAt = Number(info['updated_at']);
    return {
      ...info,
      url: typeof info['url'] === 'string' ? info['url'] : '',
      ...(Number.isFinite(updatedAt) ? { updated_at: updatedAt } : {}),
    };
  }

  /** Sends a text of 1–2000 characters (split longer texts with `splitZaloMessage`). */
  async sendMessage(params: { chat_id: string; text: string }, options?: ZaloCallOptions): Promise<ZaloSentMessage> {
    requireChatId('sendMessage', params.chat_id);
    if (params.text.length === 0) throw new ZaloValidationError('text_empty', 'sendMessage', 'text is empty');
    if (params.text.length > ZALO_TEXT_LIMIT) {
      throw new ZaloValidationError('text_too_long', 'sendMessage', `text has ${params.text.length} characters, the limit is ${ZALO_TEXT_LIMIT}`);
    }
    return sentMessage(await this.#call('sendMessage', { chat_id: params.chat_id, text: params.text }, options));
  }

  /** Sends a photo given by a public URL, with an optional caption of at most 2000 characters. */
  async sendPhoto(
    params: { chat_id: string; photo: string; caption?: string },
    options?: ZaloCallOptions,
  ): Promise<ZaloSentMessage> {
    requireChatId('sendPhoto', params.chat_id);
    if (!isHttpUrl(params.photo)) throw new ZaloValidationError('photo_url_invalid', 'sendPhoto', 'photo must be a public http(s) URL');
    if (params.caption !== undefined && params.caption.length > ZALO_TEXT_LIMIT) {
      throw new ZaloValidationError('caption_too_long', 'sendPhoto', `caption has ${params.caption.length} characters, the limit is ${ZALO_TEXT_LIMIT}`);
    }
    const body: Record<string, string> = { chat_id: params.chat_id, photo: params.photo };
    if (params.caption !== undefined) body['caption'] = params.caption;
    return sentMessage(await this.#call('sendPhoto', body, options));
  }

  /** Shows "typing…" to the user while a reply is prepared. */
  async sendChatAction(params: { chat_id: string; action: 'typing' }, options?: ZaloCallOptions): Promise<void> {
    requireChatId('sendChatAction', params.chat_id);
    await this.#call('sendChatAction', { chat_id: params.chat_id, action: params.action }, options);
  }

  /** Calls a method and returns its `result`, retrying when configured to. */
  async #call(method: string, body: Record<string, unknown>, options?: ZaloCallOptions): Promise<unknown> {
    const once = async (): Promise<unknown> => this.#unwrap(method, await this.#send(method, body, options, 0));
    if (this.#retry === undefined) return once();
    const retry = options?.signal === undefined ? this.#retry : { ...this.#retry, signal: options.signal };
    return withRetry(once, retry);
  }

  #unwrap(method: string, answer: RawAnswer): unknown {
    const { envelope, httpStatus, retryAfterMs } = answer;
    if (envelope.ok) return envelope.result;
    const errorCode = envelope.error_code ?? (httpStatus >= 400 ? httpStatus : 0);
    const description = redactToken(envelope.description ?? `HTTP ${httpStatus}`, this.#token);
    throw new ZaloApiError({ method, errorCode, description, httpStatus, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
  }

  /** One HTTP exchange; the envelope is read whatever the status. Throws only for transport failures. */
  async #send(method: string, body: unknown, options: ZaloCallOptions | undefined, extraMs: number): Promise<RawAnswer> {
    const timeoutMs = this.#timeoutMs + extraMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options?.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
    try {
      const response = await this.#fetch(`${this.#base}/bot${this.#token}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal,
      });
      const text = await response.text();
      return { envelope: toEnvelope(text, response.status), httpStatus: response.status, retryAfterMs: retryAfterMs(response) };
    } catch (error) {
      if (options?.signal?.aborted === true) {
        throw new ZaloApiError({ method, errorCode: 0, kind: 'aborted', description: 'the call was cancelled' });
      }
      const description = timeout.aborted ? `no answer within ${timeoutMs} ms` : describeNetworkError(error);
      throw new ZaloApiError({ method, errorCode: 0, kind: 'network', description: redactToken(description, this.#token) });
    }
  }
}

/** A send succeeded once the platform said ok: an odd result must not cause a duplicate resend. */
function sentMessage(result: unknown): ZaloSentMessage {
  const record = isRecord(result) ? result : {};
  const date = Number(record['date']);
  return { ...record, message_id: String(record['message_id'] ?? ''), date: Number.isFinite(date) ? date : Date.now() };
}

function requireChatId(method: string, chatId: string): void {
  if (chatId.trim().length === 0) throw new ZaloValidationError('chat_id_missing', method, 'chat_id is empty');
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
