/**
 * Scrubs secrets out of anything about to be logged. Known secret values (bot tokens, webhook secrets)
 * are replaced wherever they appear; so are the token part of Bot API URLs and the payload of
 * `/start <code>` messages, which carries an invitation code.
 */
export function createRedactor(secrets: readonly string[]): (value: unknown) => unknown {
  const known = secrets.filter((secret) => secret.length >= 4);
  const scrubText = (text: string): string => {
    let result = text;
    for (const secret of known) result = result.split(secret).join('[redacted]');
    return result
      .replace(/\/bot[^/\s"'?]*:[^/\s"'?]+/g, '/bot[redacted]')
      .replace(/(\/start(?:@\w+)?)\s+\S+/gi, '$1 [redacted]');
  };
  const scrub = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return scrubText(value);
    if (depth > 6 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      result[key] = isSecretField(key, child) ? '[redacted]' : scrub(child, depth + 1);
    }
    return result;
  };
  return (value) => scrub(value, 0);
}

/** Field names whose values are secret whatever they hold. */
const SECRET_KEYS = /^(token|secret|secret_token|inviteCode|invite_code|password|authorization|x-telegram-bot-api-secret-token|x-bot-api-secret-token)$/i;

/** An invitation code's shape: ten letters and digits, maybe split by a dash. */
const INVITE_CODE_SHAPE = /^[0-9A-Z]{5}-?[0-9A-Z]{5}$/i;

/** A `code` field is secret when it holds an invitation code; an error code (P2002, ENOENT) stays readable. */
function isSecretField(key: string, value: unknown): boolean {
  if (SECRET_KEYS.test(key)) return true;
  return key.toLowerCase() === 'code' && typeof value === 'string' && INVITE_CODE_SHAPE.test(value);
}
