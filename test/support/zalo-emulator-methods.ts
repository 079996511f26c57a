/**
 * The Zalo emulator's answers to every method but `getUpdates`: validation as the platform does
 * it (400 with a description), the send rate limit (429), and the record of what was sent.
 */
import type { MethodState, ZaloEmulatorOptions } from './zalo-emulator-state.ts';

export type { MethodState } from './zalo-emulator-state.ts';

/** An HTTP answer: status, JSON body, extra headers. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string> | undefined;
}

const TEXT_LIMIT = 2000;

/** Answers one call; mutates `state` to record sends and webhook changes. */
export function answerMethod(method: string, params: Record<string, unknown>, state: MethodState, options: ZaloEmulatorOptions): Answer {
  const now = Date.now();
  switch (method) {
    case 'getMe':
      return ok({ id: '1234567890', account_name: 'bot.emulator', account_type: 'BASIC', can_join_groups: false });
    case 'sendMessage': {
      const chatId = params['chat_id'];
      const text = params['text'];
      if (!isNonEmptyString(chatId)) return badRequest('chat_id is required');
      if (typeof text !== 'string' || text.length < 1 || text.length > TEXT_LIMIT) return badRequest(`text must be 1-${TEXT_LIMIT} characters`);
      if (isThrottled(state, options, now)) return throttled(state);
      const messageId = nextMessageId(state);
      state.sent.push({ chatId, text, messageId, at: now });
      return ok({ message_id: messageId, date: now });
    }
    case 'sendPhoto': {
      const chatId = params['chat_id'];
      const photo = params['photo'];
      const caption = params['caption'];
      if (!isNonEmptyString(chatId)) return badRequest('chat_id is required');
      if (!isNonEmptyString(photo) || !isHttpUrl(photo)) return badRequest('photo must be a public URL');
      if (caption !== undefined && (typeof caption !== 'string' || caption.length > TEXT_LIMIT)) return badRequest(`caption must be at most ${TEXT_LIMIT} characters`);
      if (isThrottled(state, options, now)) return throttled(state);
      const messageId = nextMessageId(state);
      state.photos.push({ chatId, photo, messageId, at: now, ...(typeof caption === 'string' ? { caption } : {}) });
      return ok({ message_id: messageId, date: now });
    }
    case 'sendChatAction': {
      const chatId = params['chat_id'];
      const action = params['action'];
      if (!isNonEmptyString(chatId)) return badRequest('chat_id is required');
      if (action !== 'typing' && action !== 'upload_photo') return badRequest('action must be typing or upload_photo');
      state.chatActions.push({ chatId, action, at: now });
      return ok(true);
    }
    case 'setWebhook': {
      const url = params['url'];
      const secret = params['secret_token'];
      if (!isNonEmptyString(url) || !isHttpUrl(url)) return badRequest('url must be an http(s) URL');
      if (typeof secret !== 'string' || secret.length < 8 || secret.length > 256) return badRequest('secret_token must be 8-256 characters');
      state.webhook = { url, secret, updatedAt: now };
      return ok({ url, updated_at: now });
    }
    case 'deleteWebhook':
      state.webhook = undefined;
      return ok({ url: '', updated_at: now });
    case 'getWebhookInfo':
      return ok(state.webhook === undefined ? { url: '' } : { url: state.webhook.url, updated_at: state.webhook.updatedAt });
    default:
      return { status: 404, body: { ok: false, error_code: 404, description: `Not Found: method ${method}` } };
  }
}

function ok(result: unknown): Answer {
  return { status: 200, body: { ok: true, result } };
}

function badRequest(description: string): Answer {
  return { status: 400, body: { ok: false, error_code: 400, description: `Bad Request: ${description}` } };
}

function throttled(state: MethodState): Answer {
  state.throttled += 1;
  return { status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: quota exceeded' } };
}

/** A sliding one-second window over accepted sends. */
function isThrottled(state: MethodState, options: ZaloEmulatorOptions, now: number): boolean {
  const limit = options.sendRateLimitPerSecond;
  if (limit === undefined) return false;
  while (state.sendTimes.length > 0 && (state.sendTimes[0] ?? 0) <= now - 1000) state.sendTimes.shift();
  if (state.sendTimes.length >= limit) return true;
  state.sendTimes.push(now);
  return false;
}

function nextMessageId(state: MethodState): string {
  state.outCounter += 1;
  return `out${state.outCounter.toString(16).padStart(10, '0')}`;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
