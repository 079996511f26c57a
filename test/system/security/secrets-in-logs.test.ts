/**
 * The logs of a full run hold no secret: the real bot (`npm start`'s entry point) runs with a
 * Telegram token and webhook, a Zalo token and webhook, against the emulators, at LOG_LEVEL=trace.
 * A representative session (invitation codes made on the command line, registration with good,
 * wrong and used codes, a report, webhooks with a wrong secret, reminders through the outbox with a
 * network error on the way) and the error paths (tokens refused with 401, API servers unreachable)
 * are captured whole, stdout and stderr, and searched for every token, secret and code.
 */
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { childEnv, CLI_ENTRY, killStartedBots, PROJECT_ROOT, startBot } from '../../support/run-process.ts';
import { captureOutput, exitOf, freePort, runCliAsync, type CapturedOutput } from '../../support/bot-process-log.ts';
import { TelegramEmulator } from '../../support/telegram-emulator/index.ts';
import { useTempDirs } from '../../support/temp-dir.ts';
import { visibleText, WebhookConversation } from '../../support/webhook-conversation.ts';
import { ZaloEmulator } from '../../support/zalo-emulator.ts';

const TG_TOKEN = '7000000042:AAHsEcReTpArToFtHeToKeN_9x8y7z6w5v';
const ZALO_TOKEN = '4242424242:zaloSecretPartOfTheToken-Qw3rTy';
const TG_SECRET = 'tgWebhookSecret_KeepMeOutOfLogs_77';
const ZALO_SECRET = 'zaloWebhookSecret-KeepMeOut-88';
const WRONG_TG_TOKEN = '7000000042:AAWrongTokenRefusedByTheServer_1234';
const WRONG_ZALO_TOKEN = '4242424242:wrongZaloTokenRefused-5678';
const CLI = CLI_ENTRY;

const tempDir = useTempDirs();
const emulators: Array<{ close(): Promise<void> }> = [];
afterEach(killStartedBots);
afterAll(async () => {
  for (const emulator of emulators.splice(0)) await emulator.close();
});

/** Every form in which a secret could show: as is, and the part after a token's colon. */
function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    forms.add(secret);
    const after = secret.split(':')[1];
    if (after) forms.add(after);
  }
  return [...forms];
}

/** Each invitation code dashed, undashed and in lower case. */
function codeForms(codes: readonly string[]): string[] {
  return codes.flatMap((code) => [code, code.replace('-', ''), code.toLowerCase(), code.replace('-', '').toLowerCase()]);
}

/** The secrets (by label) found in a log. */
function leaked(log: string, secrets: readonly string[]): string[] {
  const lower = log.toLowerCase();
  return secrets.filter((secret) => lower.includes(secret.toLowerCase()));
}

/** The webhook POST of a stranger with a wrong secret; answers the HTTP status. */
async function postWithWrongSecret(url: string, header: string, body: string): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [header]: 'not-the-secret-123' }, body, signal: AbortSignal.timeout(10_000) });
  await response.arrayBuffer();
  return response.status;
}

/** The ISO week of now in the province, as a weekly period key. */
function currentWeekKey(): string {
  const now = DateTime.now().setZone('Asia/Ho_Chi_Minh');
  return `${now.weekYear}-W${String(now.weekNumber).padStart(2, '0')}`;
}

/** Answers a report with "1" until it is sent or refused; it stays a best effort, as the open forms depend on today's date. */
async function fileAReport(chat: WebhookConversation, userId: number): Promise<string> {
  let reply = visibleText(await chat.say(userId, '/baocao'));
  if (/Gõ số thứ tự của kỳ/.test(reply)) reply = visibleText(await chat.say(userId, '1'));
  for (let step = 0; step < 12 && /Câu \d+\/\d+/.test(reply) && !reply.includes('⚠️'); step += 1) reply = visibleText(await chat.say(userId, '1'));
  if (reply.includes('Tóm tắt báo cáo')) reply = visibleText(await chat.say(userId, 'ok'));
  return reply;
}

describe('secrets in logs', () => {
  it('should keep tokens, webhook secrets and invitation codes out of a whole traced run, error paths included', async () => {
    const tg = await TelegramEmulator.start({ token: TG_TOKEN, rateLimit: false });
    const zalo = await ZaloEmulator.start({ token: ZALO_TOKEN });
    emulators.push(tg, zalo);
    const dir = tempDir();
    const port = await freePort();
    const env = {
      DATABASE_URL: `file:${join(dir, 'bot.db')}`,
      HTTP_PORT: String(port),
      LOG_LEVEL: 'trace',
      QUIET_HOURS: 'off',
      TELEGRAM_BOT_TOKEN: TG_TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/hook`,
      TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
      ZALO_BOT_TOKEN: ZALO_TOKEN,
      ZALO_API_ROOT: zalo.url,
      ZALO_WEBHOOK_URL: `http://127.0.0.1:${port}/zalo/hook`,
      ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    };
    const bot = startBot(env, dir);
    const log = captureOutput(bot);
    await log.waitFor(/healthz/, 40_000);
    await tg.waitForCalls('setWebhook', 1, 20_000);
    await zalo.waitForCalls('setWebhook', 1, 20_000);

    // Codes from the command line, traced too; its standard output is where codes belong.
    const cli = await runCliAsync(CLI, ['invite', 'create', '--unit', 'STP', '--role', 'reporter', '--count', '3', '--json'], childEnv(env), dir);
    expect(cli.status, cli.stderr).toBe(0);
    const codes = (JSON.parse(cli.stdout) as Array<{ code: string }>).map((item) => item.code);
    expect(codes).toHaveLength(3);
    const [first = '', second = '', third = ''] = codes;

    const chat = new WebhookConversation(tg);
    expect(visibleText(await chat.say(9101, '/start ABCDE-23456'))).toContain('Mã mời không đúng');
    expect(visibleText(await chat.say(9101, `/start ${first}`))).toContain('Chào mừng');
    expect(visibleText(await chat.say(9102, `/start ${first}`))).toContain('đã được dùng');
    expect(visibleText(await chat.say(9103, `/start ${second.replace('-', '')}`))).toContain('Chào mừng');
    zalo.userSends({ userId: 'z-9104', displayName: 'Lan', text: third });
    await zalo.waitForSent((message) => message.chatId === 'z-9104' && message.text.includes('Chào mừng'), 15_000);
    zalo.userSends({ userId: 'z-9105', displayName: 'Hoa', text: `/start ${third}` });
    await zalo.waitForSent((message) => message.chatId === 'z-9105' && message.text.includes('đã được dùng'), 15_000);
    await fileAReport(chat, 9101);
    // A reply refused by the API with 401, as with a revoked token.
    tg.failNext('sendMessage', { status: 401, description: 'Unauthorized' });
    await chat.say(9101, '/trangthai');

    const update = JSON.stringify({ update_id: 77, message: { message_id: 77, date: 1_800_000_000, chat: { id: 9106, type: 'private' }, from: { id: 9106, is_bot: false, first_name: 'X' }, text: `/start ${second}` } });
    expect(await postWithWrongSecret(env.TELEGRAM_WEBHOOK_URL, 'x-telegram-bot-api-secret-token', update)).toBe(401);
    expect(await postWithWrongSecret(env.ZALO_WEBHOOK_URL, 'x-bot-api-secret-token', JSON.stringify({ ok: true, result: {} }))).toBe(401);

    // Reminders through the outbox, the first send cut by a network error and retried.
    tg.failNext('sendMessage', { status: 0, drop: true });
    const before = { a: tg.messagesTo(9101).length, b: tg.messagesTo(9103).length };
    const reminders = await runCliAsync(CLI, ['reminders', 'send', '--form', 'weekly_status', '--period', currentWeekKey(), '--json'], childEnv(env), dir);
    expect(reminders.status, reminders.stderr).toBe(0);
    await tg.waitUntil(() => tg.messagesTo(9101).length > before.a && tg.messagesTo(9103).length > before.b || undefined, 40_000, () => 'reminders to both reporters');
    const stopped = exitOf(bot);
    bot.kill('SIGTERM');
    await stopped;

    // Error paths: tokens refused with 401, then API servers that cannot be reached.
    const refused = startBot({ ...env, HTTP_PORT: '0', TELEGRAM_BOT_TOKEN: WRONG_TG_TOKEN, ZALO_BOT_TOKEN: WRONG_ZALO_TOKEN }, dir);
    const closedPort = await freePort();
    const unreachable = startBot({ ...env, HTTP_PORT: '0', DATABASE_URL: `file:${join(dir, 'other.db')}`, TELEGRAM_API_ROOT: `http://127.0.0.1:${closedPort}`, ZALO_API_ROOT: `http://127.0.0.1:${closedPort}` }, dir);
    const refusedLog = captureOutput(refused);
    const unreachableLog = captureOutput(unreachable);
    await Promise.all([
      refusedLog.waitFor(/TELEGRAM_BOT_TOKEN[\s\S]*ZALO_BOT_TOKEN|ZALO_BOT_TOKEN[\s\S]*TELEGRAM_BOT_TOKEN/, 40_000),
      unreachableLog.waitFor(/TELEGRAM_API_ROOT[\s\S]*ZALO_API_ROOT|ZALO_API_ROOT[\s\S]*TELEGRAM_API_ROOT/, 40_000),
    ]);
    for (const child of [refused, unreachable]) {
      const exited = exitOf(child);
      child.kill('SIGTERM');
      await exited;
    }

    const logs: Array<[string, CapturedOutput | string]> = [
      ['bot', log],
      ['invite create (stderr)', cli.stderr],
      ['reminders send', reminders.stdout + reminders.stderr],
      ['bot with refused tokens', refusedLog],
      ['bot with unreachable APIs', unreachableLog],
    ];
    const secrets = [...secretForms([TG_TOKEN, ZALO_TOKEN, TG_SECRET, ZALO_SECRET, WRONG_TG_TOKEN, WRONG_ZALO_TOKEN]), ...codeForms(codes)];
    for (const [name, output] of logs) {
      const text = typeof output === 'string' ? output : output.text();
      if (name.startsWith('bot')) expect(text.length, `${name} logged something`).toBeGreaterThan(0);
      expect(leaked(text, secrets), `${name}:\n${text.slice(0, 2000)}`).toEqual([]);
    }
    // The run really took the error paths it claims (the bot writes no trace or debug records of its own).
    expect(log.text()).toContain('telegram reply not delivered');
    expect(refusedLog.text()).toContain('TELEGRAM_BOT_TOKEN');
    expect(unreachableLog.text()).toContain('TELEGRAM_API_ROOT');
  }, 170_000);
});
