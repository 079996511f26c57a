import { Telegraf } from 'telegraf';
import { translate } from '../../i18n/translator.ts';
import type { MessengerChannelOptions, RunningChannel } from '../channel.ts';
import { secretScreen, webhookPath } from '../webhook-secret.ts';
import { registerCommandMenu } from './telegram-menu.ts';
import { renderForTelegram } from './telegram-render.ts';
import { TelegramApiError } from './telegram-api-error.ts';
import { sendReplyParts } from './telegram-sender.ts';
import type { InboundReplies } from '../../app/inbound/inbound-message.ts';
import { callbackChatId, telegramBotKey, toInboundMessage, type TelegramUpdateShape } from './telegram-updates.ts';

export type TelegramChannelOptions = MessengerChannelOptions;

const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * The Telegram channel: telegraf for the Bot API calls and long polling, our own webhook route, and the
 * inbound pipeline for everything else. Telegram sends an update again until it is acknowledged (a 200,
 * or the next poll's offset), and both come only once the pipeline has handled it, so nothing needs
 * storing first.
 */
export class TelegramChannel implements RunningChannel {
  readonly name = 'telegram' as const;
  private readonly bot: Telegraf;
  private health: 'running' | 'failed' = 'running';
  private polling = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly botKey: string;

  constructor(private readonly options: TelegramChannelOptions) {
    this.botKey = telegramBotKey(options.token);
    this.bot = new Telegraf(options.token, { telegram: { apiRoot: options.apiRoot, webhookReply: false } });
    this.bot.use((ctx) => this.process(ctx.update));
    this.bot.catch((error) => options.logger.error({ err: error }, 'telegram update failed'));
  }

  status(): 'running' | 'failed' {
    return this.health;
  }

  async start(): Promise<void> {
    const { logger, webhookUrl, webhookSecret } = this.options;
    try {
      const me = await this.bot.telegram.getMe();
      this.bot.botInfo = me;
    } catch (error) {
      this.health = 'failed';
      const failure = TelegramApiError.from(error);
      logger.error(translate(this.options.locale, failure.kind === 'bad-token' ? 'startup.telegram_bad_token' : 'startup.telegram_unreachable'));
      return;
    }
    await registerCommandMenu(this.bot.telegram).catch((error: unknown) => logger.warn({ err: error }, 'telegram command menu not set'));
    this.options.inbound.attach('telegram', (identity, result) => this.sendReplies(identity.chatId, result));
    if (webhookUrl && webhookSecret) {
      // The secret is checked on the headers, before the body is read (see HttpServer's screens).
      const screen = secretScreen(SECRET_HEADER, webhookSecret);
      this.options.http.route('POST', webhookPath(webhookUrl), (request) => this.receiveWebhook(request.body), { screen });
      await this.bot.telegram.setWebhook(webhookUrl, { secret_token: webhookSecret, allowed_updates: [...ALLOWED_UPDATES] });
    } else {
      this.polling = true;
      void this.bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }).catch((error: unknown) => {
        this.health = 'failed';
        this.polling = false;
        logger.error({ err: error }, translate(this.options.locale, 'startup.telegram_polling_stopped'));
      });
    }
  }

  async stop(): Promise<void> {
    if (this.polling) {
      this.polling = false;
      try {
        this.bot.stop('shutdown');
      } catch {
        // Already stopped.
      }
    }
    await Promise.allSettled([...this.inFlight]);
  }

  /** The webhook, its secret already checked: read the update, handle it, then answer. */
  private async receiveWebhook(body: Buffer) {
    let update: TelegramUpdateShape;
    try {
      update = JSON.parse(body.toString('utf8')) as TelegramUpdateShape;
    } catch {
      return { status: 400 };
    }
    if (!update || typeof update !== 'object' || !Number.isSafeInteger(update.update_id)) return { status: 400 };
    // Answered once handled: Telegram then sends one chat's updates one at a time, whichever worker gets them.
    await this.track(this.process(update));
    return { status: 200 };
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  /** One update, from polling or the webhook; what the bot does not answer (edits, groups) is skipped. */
  private async process(update: TelegramUpdateShape): Promise<void> {
    const message = toInboundMessage(update, this.botKey);
    if (!message) return;
    const callback = update.callback_query;
    if (callback) await this.acknowledgeButton(callback);
    await this.options.inbound.receive(message);
  }

  /** Always answer a button press, even silently, or it keeps spinning on the phone; and take the buttons away. */
  private async acknowledgeButton(callback: NonNullable<TelegramUpdateShape['callback_query']>): Promise<void> {
    const telegram = this.bot.telegram;
    await telegram.answerCbQuery(callback.id).catch(() => undefined);
    const chatId = callbackChatId(callback.message);
    if (chatId !== null && callback.message) {
      await telegram.editMessageReplyMarkup(chatId, callback.message.message_id, undefined, undefined).catch(() => undefined);
    }
  }

  /** The pipeline's replies, as HTML with buttons, split at Telegram's limit. */
  private async sendReplies(chatId: string, result: InboundReplies): Promise<void> {
    try {
      for (const reply of result.replies) await sendReplyParts(this.bot.telegram, chatId, renderForTelegram(reply, result.locale));
    } catch (error) {
      const failure = TelegramApiError.from(error);
      this.options.logger.warn({ code: failure.code, kind: failure.kind, description: failure.description, chat: chatId }, 'telegram reply not delivered');
    }
  }
}
