/**
 * The Bot API methods that decide how the bot receives updates: getUpdates (offset confirmation,
 * limit, long polling) and the webhook trio. While a webhook is set, getUpdates answers 409.
 */
import { badRequest, conflict, DescribedResult } from './api-error.ts';
import type { MethodHandler } from './method-context.ts';
import { readBool, readJsonParam, readOptionalInt, readOptionalString } from './param-readers.ts';

const WEBHOOK_CONFLICT = "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

const getUpdates: MethodHandler = async (ctx, { params }, call) => {
  if (ctx.webhook.config !== undefined) throw conflict(WEBHOOK_CONFLICT);
  const offset = readOptionalInt(params, 'offset');
  const limit = clamp(readOptionalInt(params, 'limit') ?? 100, 1, 100);
  const timeoutSeconds = clamp(readOptionalInt(params, 'timeout') ?? 0, 0, ctx.maxLongPollSeconds);
  readJsonParam(params, 'allowed_updates', "can't parse allowed_updates JSON array");
  const deadline = Date.now() + timeoutSeconds * 1000;
  const poll = ctx.polls.begin(call.signal);
  try {
    ctx.updates.confirm(offset);
    for (;;) {
      if (poll.error !== undefined) throw poll.error;
      const updates = poll.signal.aborted ? [] : ctx.updates.take(limit);
      if (updates.length > 0 || poll.signal.aborted || Date.now() >= deadline) return updates;
      await ctx.updates.waitForUpdate(deadline - Date.now(), poll.signal);
    }
  } finally {
    poll.end();
  }
};

const setWebhook: MethodHandler = (ctx, { params }) => {
  const url = readOptionalString(params, 'url') ?? '';
  if (url === '') return deleteWebhook(ctx, { params, files: {} }, { signal: AbortSignal.abort() });
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw badRequest('invalid webhook URL specified');
  const secretToken = readOptionalString(params, 'secret_token');
  if (secretToken !== undefined && secretToken !== '' && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw badRequest(secretToken.length > 256 ? 'secret token is too long' : 'secret token contains unallowed characters');
  }
  const maxConnections = readOptionalInt(params, 'max_connections') ?? 40;
  if (maxConnections < 1 || maxConnections > 100) throw badRequest('bad webhook: max_connections must be between 1 and 100');
  readJsonParam(params, 'allowed_updates', "can't parse allowed_updates JSON array");
  if (readBool(params, 'drop_pending_updates')) ctx.updates.clear();
  const current = ctx.webhook.config;
  const next = { url, secretToken: secretToken === '' ? undefined : secretToken, maxConnections };
  ctx.polls.endActive(conflict(WEBHOOK_CONFLICT));
  const unchanged = current !== undefined && JSON.stringify(current) === JSON.stringify(next);
  if (!unchanged) ctx.webhook.configure(next);
  return new DescribedResult(true, unchanged ? 'Webhook is already set' : 'Webhook was set');
};

const deleteWebhook: MethodHandler = (ctx, { params }) => {
  if (readBool(params, 'drop_pending_updates')) ctx.updates.clear();
  const wasSet = ctx.webhook.config !== undefined;
  if (wasSet) ctx.webhook.configure(undefined);
  return new DescribedResult(true, wasSet ? 'Webhook was deleted' : 'Webhook is already deleted');
};

const getWebhookInfo: MethodHandler = (ctx) => {
  const config = ctx.webhook.config;
  return {
    url: config?.url ?? '',
    has_custom_certificate: false,
    pending_update_count: ctx.updates.pendingCount,
    ...(config === undefined ? {} : { max_connections: config.maxConnections, ip_address: '127.0.0.1' }),
    ...(ctx.webhook.lastErrorMessage === undefined ? {} : { last_error_date: ctx.webhook.lastErrorDate, last_error_message: ctx.webhook.lastErrorMessage }),
  };
};

/** Handlers by method name. */
export const RECEIVING_METHODS: Record<string, MethodHandler> = { getUpdates, setWebhook, deleteWebhook, getWebhookInfo };

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
