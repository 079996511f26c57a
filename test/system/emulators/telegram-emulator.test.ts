import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { Markup, Telegraf, TelegramError } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { SECRET_HEADER, TelegramEmulator, type TelegramEmulatorOptions } from '../../support/telegram-emulator/index.ts';

const TOKEN = '7000000001:AAEmulatorTokenForTests_0123456789abc';
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startEmulator(options: TelegramEmulatorOptions = {}): Promise<TelegramEmulator> {
  const tg = await TelegramEmulator.start({ token: TOKEN, ...options });
  cleanups.push(() => tg.close());
  return tg;
}

function botFor(tg: TelegramEmulator): Telegraf {
  return new Telegraf(TOKEN, { telegram: { apiRoot: tg.apiRoot } });
}

/** Launches long polling and registers a bounded stop. */
async function launchPolling(tg: TelegramEmulator, bot: Telegraf): Promise<void> {
  const launched = bot.launch().catch((error: unknown) => error);
  cleanups.push(async () => {
    bot.stop('test done');
    await Promise.race([launched, new Promise((resolve) => setTimeout(resolve, 2000))]);
  });
  await tg.waitForCalls('getUpdates', 1);
}

async function api(tg: TelegramEmulator, method: string, body: unknown = {}, token = TOKEN): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${tg.apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function rejection(promise: Promise<unknown>): Promise<TelegramError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TelegramError)) throw new Error(`expected a TelegramError, got ${String(error)}`);
  return error;
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook endpoint on loopback; `handle` may answer itself, else the next status of `statuses` (then 200). */
async function webhookServer(
  statuses: number[] = [],
  handle?: (req: IncomingMessage & { body?: never }, res: ServerResponse) => Promise<void>,
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    if (handle !== undefined) {
      void handle(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/hook`, received };
}

describe('TelegramEmulator with a real telegraf bot', () => {
  it('should run an echo bot that answers callbacks in polling mode', async () => {
    const tg = await startEmulator({ rateLimit: false });
    const bot = botFor(tg);
    bot.start((ctx) => ctx.reply(`start:${ctx.payload}`));
    bot.on('callback_query', async (ctx) => {
      await ctx.answerCbQuery('noted');
      await ctx.editMessageText(`chosen:${'data' in ctx.callbackQuery ? ctx.callbackQuery.data : ''}`);
    });
    bot.on('text', (ctx) => ctx.reply(`echo:${ctx.message.text}`, Markup.inlineKeyboard([Markup.button.callback('Có', 'yes')])));
    await launchPolling(tg, bot);

    expect(tg.calls.map((call) => call.method).slice(0, 2)).toEqual(['getMe', 'deleteWebhook']);
    tg.userSends({ userId: 42, text: '/start unit_07', firstName: 'Lan', languageCode: 'vi' });
    tg.userSends({ userId: 42, text: 'xin chào' });
    const [start, echo] = await tg.waitForMessages(42, 2);
    expect(start?.text).toBe('start:unit_07');
    expect(echo?.text).toBe('echo:xin chào');
    expect(echo?.replyMarkup).toEqual({ inline_keyboard: [[{ text: 'Có', callback_data: 'yes', hide: false }]] });

    const press = tg.userPresses({ userId: 42, messageId: echo?.messageId ?? 0, data: 'yes' });
    await tg.waitUntil(() => (tg.lastMessageTo(42)?.editedAt === undefined ? undefined : true), 5000, () => 'the edit');
    expect(tg.lastMessageTo(42)?.text).toBe('chosen:yes');
    expect(tg.unansweredCallbacks()).toEqual([]);
    expect(tg.calls.find((call) => call.method === 'answerCallbackQuery')?.params).toMatchObject({ callback_query_id: press.callback_query?.id, text: 'noted' });
    expect(JSON.stringify(tg.calls)).not.toContain(TOKEN);
  });

  it('should refuse buttons whose callback_data exceeds 64 bytes', async () => {
    const tg = await startEmulator({ rateLimit: false });
    tg.userSends({ userId: 7, text: 'hi' });
    const bot = botFor(tg);
    const tooLong = 'đ'.repeat(33); // 66 bytes in UTF-8, 33 characters
    const error = await rejection(bot.telegram.sendMessage(7, 'Chọn', Markup.inlineKeyboard([Markup.button.callback('Đồng ý', tooLong)])));
    expect(error.code).toBe(400);
    expect(error.description).toBe('Bad Request: BUTTON_DATA_INVALID');
    const exactly64 = `${'ệ'.repeat(21)}a`;
    await bot.telegram.sendMessage(7, 'Chọn', Markup.inlineKeyboard([Markup.button.callback('Đồng ý', exactly64)]));
    expect(tg.messagesTo(7)).toHaveLength(1);
    const empty = await api(tg, 'sendMessage', { chat_id: 7, text: 'x', reply_markup: { inline_keyboard: [[{ text: 'a', callback_data: '' }]] } });
    expect(empty.json.description).toBe('Bad Request: BUTTON_DATA_INVALID');
  });

  it('should answer HTML parse errors and measure text after entity parsing', async () => {
    const tg = await startEmulator({ rateLimit: false });
    tg.userSends({ userId: 7, text: 'hi' });
    const bot = botFor(tg);
    const unbalanced = await rejection(bot.telegram.sendMessage(7, '<b>đậm</i>', { parse_mode: 'HTML' }));
    expect(unbalanced.code).toBe(400);
    expect(unbalanced.description).toMatch(/^Bad Request: can't parse entities: Unmatched end tag at byte offset \d+, expected "<\/b>", found "<\/i>"$/);
    const unknown = await rejection(bot.telegram.sendMessage(7, '<div>x</div>', { parse_mode: 'HTML' }));
    expect(unknown.description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "div" at byte offset 0');
    const unclosed = await rejection(bot.telegram.sendMessage(7, '<i>x', { parse_mode: 'HTML' }));
    expect(unclosed.description).toBe('Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "i"');

    await bot.telegram.sendMessage(7, `<b>${'a'.repeat(4090)}</b>&lt;&amp;&#33;<a href="https://example.org">x</a>`, { parse_mode: 'HTML' });
    expect(tg.lastMessageTo(7)?.plainText).toHaveLength(4094);
    const tooLong = await rejection(bot.telegram.sendMessage(7, `<i>${'a'.repeat(4097)}</i>`, { parse_mode: 'HTML' }));
    expect(tooLong.description).toBe('Bad Request: message is too long');
    const empty = await rejection(bot.telegram.sendMessage(7, '<b> </b>', { parse_mode: 'HTML' }));
    expect(empty.description).toBe('Bad Request: message text is empty');
    const unknownChat = await rejection(bot.telegram.sendMessage(999, 'x'));
    expect(unknownChat.description).toBe('Bad Request: chat not found');
  });

  it('should answer 429 with retry_after when one chat is sent to faster than its limit', async () => {
    const tg = await startEmulator({ rateLimit: { globalPerSecond: 30, perChatPerSecond: 1 } });
    tg.userSends({ userId: 7, text: 'hi' });
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await api(tg, 'sendMessage', { chat_id: 7, text: `m${i}` }));
    expect(answers[0]?.status).toBe(200);
    expect(answers[1]?.status).toBe(429);
    expect(answers[1]?.json).toEqual({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    expect(tg.stats.accepted).toBe(1);
    expect(tg.stats.throttled).toBe(4);
    expect(tg.stats.acceptedAt).toHaveLength(1);
  });

  it('should hold the global limit across chats', async () => {
    // The limiter's clock stands still: on a busy machine fifteen calls may take long enough to refill a token.
    const tg = await startEmulator({ rateLimit: { globalPerSecond: 10, perChatPerSecond: 1 }, limiterClock: () => 1_000 });
    for (let user = 1; user <= 15; user += 1) tg.userSends({ userId: user, text: 'hi' });
    const statuses = [];
    for (let user = 1; user <= 15; user += 1) statuses.push((await api(tg, 'sendMessage', { chat_id: user, text: 'nhắc' })).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.slice(10).every((status) => status === 429)).toBe(true);
  });

  it('should answer 403 after the user blocks the bot or is deactivated, and report migrations', async () => {
    const tg = await startEmulator({ rateLimit: false });
    tg.userSends({ userId: 7, text: 'hi' });
    tg.userSends({ userId: 8, text: 'hi' });
    const bot = botFor(tg);
    tg.blockBot(7);
    const blocked = await rejection(bot.telegram.sendMessage(7, 'nhắc'));
    expect([blocked.code, blocked.description]).toEqual([403, 'Forbidden: bot was blocked by the user']);
    tg.deactivateUser(8);
    expect((await rejection(bot.telegram.sendMessage(8, 'nhắc'))).description).toBe('Forbidden: user is deactivated');
    tg.userSends({ userId: 7, text: 'tôi quay lại' });
    await bot.telegram.sendMessage(7, 'chào mừng');

    tg.userSends({ userId: 9, chatId: -100, text: 'group hi' });
    tg.migrateChat(-100, -1001234);
    const migrated = await api(tg, 'sendMessage', { chat_id: -100, text: 'x' });
    expect(migrated.status).toBe(400);
    expect(migrated.json.parameters).toEqual({ migrate_to_chat_id: -1001234 });
    expect((await api(tg, 'sendMessage', { chat_id: -1001234, text: 'x' })).status).toBe(200);
  });

  it('should deliver to a webhook with the secret header, retry after a 500 and refuse getUpdates', async () => {
    const tg = await startEmulator({ rateLimit: false, webhookRetryDelaysMs: [20, 20] });
    const hook = await webhookServer([500]);
    const bot = botFor(tg);
    await bot.telegram.setWebhook(hook.url, { secret_token: 'hook_Secret-1' });
    const update = tg.userSends({ userId: 5, text: 'báo cáo' });

    const deliveries = await tg.waitForWebhookDeliveries(2);
    expect(deliveries.map((d) => [d.updateId, d.status])).toEqual([[update.update_id, 500], [update.update_id, 200]]);
    expect(hook.received).toHaveLength(2);
    expect(hook.received[1]?.headers[SECRET_HEADER.toLowerCase()]).toBe('hook_Secret-1');
    expect(JSON.parse(hook.received[1]?.body ?? '{}')).toEqual(update);
    expect((await bot.telegram.getWebhookInfo()).pending_update_count).toBe(0);

    const polled = await api(tg, 'getUpdates');
    expect(polled.status).toBe(409);
    expect(polled.json.description).toBe("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const badSecret = await api(tg, 'setWebhook', { url: hook.url, secret_token: 'has space' });
    expect(badSecret.status).toBe(400);
  });

  it('should give up after the last retry and report last_error_message', async () => {
    const tg = await startEmulator({ rateLimit: false, webhookRetryDelaysMs: [10] });
    const hook = await webhookServer([502, 503]);
    await api(tg, 'setWebhook', { url: hook.url });
    tg.userSends({ userId: 5, text: 'a' });
    await tg.waitForWebhookDeliveries(2);
    const info = await api(tg, 'getWebhookInfo');
    expect(info.json.result).toMatchObject({ url: hook.url, pending_update_count: 0, last_error_message: 'Wrong response from the webhook: 503 Service Unavailable' });
    expect(hook.received[0]?.headers[SECRET_HEADER.toLowerCase()]).toBeUndefined();
  });

  it('should serve a telegraf webhook bot, executing its webhook replies', async () => {
    const tg = await startEmulator({ rateLimit: false });
    const bot = botFor(tg);
    bot.on('callback_query', (ctx) => ctx.answerCbQuery());
    bot.on('text', (ctx) => ctx.reply('ok', Markup.inlineKeyboard([Markup.button.callback('1', 'one')])));
    const callback = bot.webhookCallback('/telegram/hook', { secretToken: 'abc' });
    const hook = await webhookServer([], (req, res) => callback(req, res));
    await bot.telegram.setWebhook(hook.url, { secret_token: 'abc' });
    tg.userSends({ userId: 3, text: 'hi' });
    const [reply] = await tg.waitForMessages(3, 1);
    tg.userPresses({ userId: 3, messageId: reply?.messageId ?? 0, data: 'one' });
    await tg.waitUntil(() => (tg.unansweredCallbacks().length === 0 ? true : undefined), 5000, () => 'the callback answer');
    expect(tg.calls.find((call) => call.method === 'answerCallbackQuery')?.viaWebhookReply).toBe(true);
    expect(await tg.postRawToWebhook('{not json')).toBeGreaterThanOrEqual(400); // telegraf refuses it
    expect(await tg.postRawToWebhook('{}', { [SECRET_HEADER]: 'wrong' })).toBe(403);
  });

  it('should deliver one update at a time per chat, in order, with chats in parallel', async () => {
    const tg = await startEmulator({ rateLimit: false });
    const order: string[] = [];
    let busyChat1 = 0;
    let maxBusyChat1 = 0;
    const hook = await webhookServer([], async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const update = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { message: { chat: { id: number }; text: string } };
      if (update.message.chat.id === 1) {
        busyChat1 += 1;
        maxBusyChat1 = Math.max(maxBusyChat1, busyChat1);
        await new Promise((resolve) => setTimeout(resolve, 40));
        busyChat1 -= 1;
      }
      order.push(update.message.text);
      res.writeHead(200).end();
    });
    await api(tg, 'setWebhook', { url: hook.url });
    tg.userSends({ userId: 1, text: 'a1' });
    tg.userSends({ userId: 1, text: 'a2' });
    tg.userSends({ userId: 2, text: 'b1' });
    await tg.waitForWebhookDeliveries(3);
    expect(order).toEqual(['b1', 'a1', 'a2']);
    expect(maxBusyChat1).toBe(1);
  });

  it('should end a parked getUpdates with 409 when another poller calls', async () => {
    const tg = await startEmulator();
    const first = api(tg, 'getUpdates', { timeout: 30 });
    await tg.waitForCalls('getUpdates', 1);
    const second = await api(tg, 'getUpdates', { timeout: 0 });
    expect(second.status).toBe(200);
    expect((await first).json).toMatchObject({ ok: false, error_code: 409, description: expect.stringMatching(/^Conflict: terminated by other getUpdates request/) as unknown });
  });

  it('should deliver photos and stickers to telegraf and explain a timed-out wait', async () => {
    const tg = await startEmulator({ rateLimit: false });
    const bot = botFor(tg);
    bot.on('photo', (ctx) => ctx.reply(`photo:${ctx.message.caption ?? ''}:${ctx.message.photo.length}`));
    bot.on('sticker', (ctx) => ctx.reply(`sticker:${ctx.message.sticker.emoji ?? ''}`));
    await launchPolling(tg, bot);
    tg.userSendsPhoto({ userId: 4, caption: 'biên bản' });
    tg.userSendsSticker({ userId: 5, emoji: '👍' });
    expect((await tg.waitForMessages(4, 1))[0]?.text).toBe('photo:biên bản:2');
    expect((await tg.waitForMessages(5, 1))[0]?.text).toBe('sticker:👍');
    await expect(tg.waitForMessages(4, 2, 100)).rejects.toThrow(/2 messages to chat 4; received 1: \["photo:biên bản:2"\]/);
  });

  it('should record multipart documents and photos with their bytes', async () => {
    const tg = await startEmulator({ rateLimit: false });
    tg.userSends({ userId: 7, text: 'hi' });
    const bot = botFor(tg);
    const bytes = Buffer.from([0, 1, 2, 255, 13, 10, 45, 45, 65]);
    const sent = await bot.telegram.sendDocument(7, { source: bytes, filename: 'bao-cao.xlsx' }, { caption: 'Tuần <b>48</b>', parse_mode: 'HTML' });
    expect(sent.document.file_name).toBe('bao-cao.xlsx');
    const record = tg.lastMessageTo(7);
    expect(record?.method).toBe('sendDocument');
    expect(record?.file?.bytes.equals(bytes)).toBe(true);
    expect(record?.file?.filename).toBe('bao-cao.xlsx');
    expect([record?.caption, record?.plainText]).toEqual(['Tuần <b>48</b>', 'Tuần 48']);

    await bot.telegram.sendPhoto(7, { source: Readable.from([Buffer.from('PNG'), Buffer.from('DATA')]) });
    expect(tg.lastMessageTo(7)?.file?.bytes.toString()).toBe('PNGDATA');
    const longCaption = await rejection(bot.telegram.sendDocument(7, { source: bytes, filename: 'a.bin' }, { caption: 'x'.repeat(1025) }));
    expect(longCaption.description).toBe('Bad Request: message caption is too long');
  });

  it('should validate setMyCommands and store commands per scope and language', async () => {
    const tg = await startEmulator();
    const bot = botFor(tg);
    await bot.telegram.setMyCommands([{ command: 'baocao', description: 'Gửi báo cáo' }], { language_code: 'vi' });
    await bot.telegram.setMyCommands([{ command: 'report', description: 'Send a report' }], { language_code: 'en' });
    await bot.telegram.setMyCommands([{ command: 'start', description: 'Start' }], { scope: { type: 'all_private_chats' } });
    expect(await bot.telegram.getMyCommands({ language_code: 'vi' })).toEqual([{ command: 'baocao', description: 'Gửi báo cáo' }]);
    expect(tg.commands(undefined, 'en')).toEqual([{ command: 'report', description: 'Send a report' }]);
    expect(tg.commands()).toEqual([]);
    expect(tg.commands({ type: 'all_private_chats' })).toHaveLength(1);

    const invalid = async (commands: Array<{ command: string; description: string }>, extra: Record<string, unknown> = {}): Promise<number> =>
      (await api(tg, 'setMyCommands', { commands, ...extra })).status;
    expect(await invalid([{ command: 'BaoCao', description: 'x' }])).toBe(400);
    expect(await invalid([{ command: 'a'.repeat(33), description: 'x' }])).toBe(400);
    expect(await invalid([{ command: 'ok', description: '' }])).toBe(400);
    expect(await invalid([{ command: 'ok', description: 'd'.repeat(257) }])).toBe(400);
    expect(await invalid(Array.from({ length: 101 }, (_, i) => ({ command: `c${i}`, description: 'd' })))).toBe(400);
    expect(await invalid([{ command: 'ok', description: 'd' }], { language_code: 'vie' })).toBe(400);
    await bot.telegram.deleteMyCommands({ language_code: 'vi' });
    expect(tg.commands(undefined, 'vi')).toEqual([]);
  });

  it('should increase update_id, confirm by offset and redeliver the same id', async () => {
    const tg = await startEmulator();
    const first = tg.userSends({ userId: 1, text: 'a' });
    const second = tg.userSends({ userId: 2, text: 'b' });
    expect(second.update_id).toBe(first.update_id + 1);
    const all = await api(tg, 'getUpdates', { limit: 10 });
    expect((all.json.result as Array<{ update_id: number }>).map((u) => u.update_id)).toEqual([first.update_id, second.update_id]);
    const confirmed = await api(tg, 'getUpdates', { offset: second.update_id + 1 });
    expect(confirmed.json.result).toEqual([]);

    tg.redeliver(first.update_id);
    const again = await api(tg, 'getUpdates', { offset: second.update_id + 1 });
    expect(again.json.result).toEqual([first]);
    expect(tg.pendingUpdateCount).toBe(0);
  });

  it('should resolve a long poll as soon as an update arrives and end it on close', async () => {
    const tg = await TelegramEmulator.start({ token: TOKEN });
    const started = performance.now();
    const poll = api(tg, 'getUpdates', { timeout: 30 });
    await tg.waitForCalls('getUpdates', 1);
    setTimeout(() => tg.userSends({ userId: 1, text: 'now' }), 50);
    const [update] = (await poll).json.result as Array<{ update_id: number }>;
    expect(performance.now() - started).toBeLessThan(2000);

    const parked = api(tg, 'getUpdates', { timeout: 30, offset: (update?.update_id ?? 0) + 1 });
    await tg.waitForCalls('getUpdates', 2);
    await tg.close();
    expect(await parked).toEqual({ status: 200, json: { ok: true, result: [] } });
  });

  it('should answer the Bot API errors for tokens, methods, callbacks, edits and injected faults', async () => {
    const tg = await startEmulator({ rateLimit: false });
    expect((await api(tg, 'getMe', {}, '7000000001:wrong')).status).toBe(401);
    expect((await api(tg, 'getMe', {}, 'not-a-token')).status).toBe(404);
    expect(await api(tg, 'noSuchMethod')).toEqual({ status: 404, json: { ok: false, error_code: 404, description: 'Not Found' } });
    const form = await fetch(`${tg.apiRoot}/bot${TOKEN}/getme`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(((await form.json()) as { result: { username: string } }).result.username).toBe('baocao_test_bot');

    tg.userSends({ userId: 7, text: 'hi' });
    const bot = botFor(tg);
    const message = await bot.telegram.sendMessage(7, 'Câu 1', Markup.inlineKeyboard([Markup.button.callback('A', 'a')]));
    const press = tg.userPresses({ userId: 7, messageId: message.message_id, data: 'a' });
    const id = press.callback_query?.id ?? '';
    expect(tg.unansweredCallbacks().map((query) => query.id)).toEqual([id]);
    await bot.telegram.answerCbQuery(id);
    const twice = await rejection(bot.telegram.answerCbQuery(id));
    expect(twice.description).toBe('Bad Request: query is too old and response timeout expired or query ID is invalid');
    const notModified = await rejection(bot.telegram.editMessageText(7, message.message_id, undefined, 'Câu 1', Markup.inlineKeyboard([Markup.button.callback('A', 'a')])));
    expect(notModified.description).toMatch(/^Bad Request: message is not modified: /);
    await bot.telegram.editMessageReplyMarkup(7, message.message_id, undefined, undefined);
    expect(tg.lastMessageTo(7)?.replyMarkup).toBeUndefined();

    tg.failNext('sendMessage', { status: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } });
    tg.failNext('sendMessage', { status: 502 }, 1);
    const throttled = await rejection(bot.telegram.sendMessage(7, 'x'));
    expect([throttled.code, throttled.parameters?.retry_after]).toEqual([429, 3]);
    expect((await rejection(bot.telegram.sendMessage(7, 'x'))).code).toBe(502);
    await bot.telegram.sendMessage(7, 'x');
    tg.reset();
    expect([tg.sent, tg.calls, tg.commands()]).toEqual([[], [], []]);
  });
});
