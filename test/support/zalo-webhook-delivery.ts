/**
 * How the Zalo emulator pushes an update to a bot's webhook: a POST carrying the secret in
 * `X-Bot-Api-Secret-Token`, with the body wrapped (as documented) or bare (as some bots see it).
 * Deliveries go to loopback addresses only.
 */
import type { ZaloUpdate } from '../../src/channels/zalo/zalo-types.ts';

/** Where and how to deliver. */
export interface ZaloWebhookTarget {
  url: string;
  secret: string;
  body: 'wrapped' | 'unwrapped';
  /** Extra attempts after a non-2xx answer or a failure. */
  retries: number;
  retryDelayMs: number;
  timeoutMs: number;
}

/** One attempt to deliver one update, as the bot answered it. */
export interface ZaloWebhookDelivery {
  messageId: string;
  eventName: string;
  attempt: number;
  /** The HTTP status the bot answered; 0 when the request failed. */
  status: number;
  ok: boolean;
  error?: string;
  at: number;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Whether the emulator may deliver to this URL (loopback only). */
export function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Delivers one update, retrying as configured; returns every attempt. Never throws. */
export async function deliverToWebhook(target: ZaloWebhookTarget, update: ZaloUpdate): Promise<ZaloWebhookDelivery[]> {
  const attempts: ZaloWebhookDelivery[] = [];
  const base = { messageId: update.message.message_id, eventName: update.event_name };
  if (!isLoopbackUrl(target.url)) {
    attempts.push({ ...base, attempt: 1, status: 0, ok: false, error: 'the emulator delivers to loopback URLs only', at: Date.now() });
    return attempts;
  }
  const body = JSON.stringify(target.body === 'wrapped' ? { ok: true, result: update } : update);
  for (let attempt = 1; attempt <= 1 + target.retries; attempt += 1) {
    const delivery = await postOnce(target, body);
    attempts.push({ ...base, attempt, ...delivery, at: Date.now() });
    if (delivery.ok) break;
    if (attempt <= target.retries) await new Promise((resolve) => setTimeout(resolve, target.retryDelayMs));
  }
  return attempts;
}

async function postOnce(target: ZaloWebhookTarget, body: string): Promise<{ status: number; ok: boolean; error?: string }> {
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bot-api-secret-token': target.secret },
      body,
      signal: AbortSignal.timeout(target.timeoutMs),
    });
    await response.arrayBuffer();
    return { status: response.status, ok: response.ok };
  } catch (error) {
    return { status: 0, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
