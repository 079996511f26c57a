import { Telegraf } from 'telegraf';
import { translate } from '../../i18n/translator.ts';
import type { MessengerChannelOptions, RunningChannel } from '../channel.ts';
import { secretMatches, webhookPath } from '../webhook-secret.ts';
import { registerCommandMenu } from './telegram-menu.ts';
import { renderForTelegram } from './telegram-render.ts';
import { readTelegramError, sendReplyParts } from './telegram-sender.ts';
import { callbackChatId, toInboundMessage, type TelegramUpdateShape } from './telegram-updates.ts';

export type TelegramChannelOptions = MessengerChannelOptions;

const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/**
 * The Telegram channel: telegraf for the Bot API calls and long polling, our own webhook route (so the
 * update is stored before Telegram gets its 200), and the inbound use case for everything else.
 */
export class TelegramChannel implements RunningChannel {
  readonly name = 'telegram' as const;
  private readonly bot: Telegraf;
  private health: 'running' | 'failed' = 'running';
  private polling = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: TelegramChannelOptions) {
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
      const failure = readTelegramError(error);
      logger.error(translate(this.options.locale, failure.code === 401 || failure.code === 404 ? 'startup.telegram_bad_token' : 'startup.telegram_unreachable'));
      return;
    }
    await registerCommandMenu(this.bot.telegram).catch((error: unknown) => logger.warn({ err: error }, 'telegram command menu not set'));
    if (webhookUrl && webhookSecret) {
      this.options.http.route('POST', webhookPath(webhookUrl), (request) => this.receiveWebhook(request.headers, request.body));
      await this.bot.telegram.setWebhook(webhookUrl, { secret_token: webhookSecret, allowed_updates: [...ALLOWED_UPDATES] });
    } else {
      this.polling = true;
      void this.bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }).catch((error: unknown) => {
        this.health = 'failed';
        this.polling = false;
        logger.error({ err: error }, translate(this.options.locale, 'startup.telegram_polling_stopped'));
      });
    }
    await this.replayPending();
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

  /** Updates stored before a crash and never handled are handled now, in order. */
  private async replayPending(): Promise<void> {
    for (const row of await this.options.inboundLog.pending('telegram')) {
      try {
        await this.process(JSON.parse(row.payload) as TelegramUpdateShape);
      } catch (error) {
        // One unreadable row must not keep the bot from starting.
        this.options.logger.error({ err: error, update: row.updateKey }, 'stored telegram update could not be replayed');
        await this.options.inboundLog.fail('telegram', row.updateKey);
      }
    }
  }

  /** The webhook: check the secret, read the update, store it, handle it, then answer. */
  private async receiveWebhook(headers: Record<string, string | string[] | undefined>, body: Buffer) {
    if (!secretMatches(headers['x-telegram-bot-api-secret-token'], this.options.webhookSecret ?? '')) return { status: 401 };
    let update: TelegramUpdateShape;
    try {
      update = JSON.parse(body.toString('utf8')) as TelegramUpdateShape;
    } catch {
      return { status: 400 };
    }
    if (!update || typeof update !== 'object' || !Number.isSafeInteger(update.update_id)) return { status: 400 };
    // What the bot does not answer (edits, group messages) is acknowledged but not stored, so it is never replayed.
    if (!toInboundMessage(update)) return { status: 200 };
    const stored = await this.options.inboundLog.store('telegram', String(update.update_id), JSON.stringify(update));
    // Answered once handled: Telegram then sends one chat's updates one at a time, whichever worker gets them.
    if (stored === 'stored') await this.track(this.process(update));
    return { status: 200 };
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  /** One update, from polling, the webhook or a replay. */
  private async process(update: TelegramUpdateShape): Promise<void> {
    const message = toInboundMessage(update);
    if (!message) return;
    const telegram = this.bot.telegram;
    const callback = update.callback_query;
    if (callback) {
      // Always answer a button press, even silently, or it keeps spinning on the phone.
      await telegram.answerCbQuery(callback.id).catch(() => undefined);
      const chatId = callbackChatId(callback.message);
      if (chatId !== null && callback.message) {
        await telegram.editMessageReplyMarkup(chatId, callback.message.message_id, undefined, undefined).catch(() => undefined);
      }
    }
    const result = await this.options.inbound.handle(message);
    if (!result) return;
    try {
      for (const reply of result.replies) await sendReplyParts(telegram, message.identity.chatId, renderForTelegram(reply, result.locale));
    } catch (error) {
      const failure = readTelegramError(error);
      this.options.logger.warn({ code: failure.code, description: failure.description, chat: message.identity.chatId }, 'telegram reply not delivered');
    }
  }
}
