import type { Config } from '../config.ts';

/**
 * The bot's username, asked of the Bot API (getMe), for invitation links. Null when there is no token
 * or the API does not answer within a few seconds: the code alone still works.
 */
export async function fetchTelegramBotName(config: Config): Promise<string | null> {
  if (!config.TELEGRAM_BOT_TOKEN) return null;
  try {
    const response = await fetch(`${config.TELEGRAM_API_ROOT.replace(/\/$/, '')}/bot${config.TELEGRAM_BOT_TOKEN}/getMe`, {
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { ok?: boolean; result?: { username?: string } };
    return body.ok && body.result?.username ? body.result.username : null;
  } catch {
    return null;
  }
}
