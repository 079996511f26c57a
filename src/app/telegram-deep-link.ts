/** The t.me link that opens the bot and sends `/start <code>`; Telegram allows A–Z, a–z, 0–9, _ and - in it. */
export function telegramDeepLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${encodeURIComponent(code)}`;
}
