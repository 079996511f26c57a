/**
 * POSTs a raw body to a webhook over real HTTP, as the platform (or anyone who found the URL) would,
 * with a bounded wait so a hang fails the case instead of the whole run.
 */

/** Statuses a webhook may answer to any body: handled or ignored, malformed, wrong secret, too large. */
export const ALLOWED_WEBHOOK_STATUSES: readonly number[] = [200, 400, 401, 413];

/** Sends `body` with the given headers (plus a JSON content type); answers the HTTP status. */
export async function postWebhook(url: string, body: string | Buffer, headers: Record<string, string>, timeoutMs = 20_000): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer();
  return response.status;
}
