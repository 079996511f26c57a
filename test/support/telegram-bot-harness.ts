import { Writable } from 'node:stream';
import { join } from 'node:path';
import type { BotCore } from '../../src/main/create-core.ts';
import { createBot, type Bot } from '../../src/main/create-bot.ts';
import { freePort } from './bot-process-log.ts';
import { formatInviteCode, hashInviteCode, newInviteCode } from '../../src/app/invite-codes.ts';
import type { RoleName } from '../../src/domain/organisation/vocabulary.ts';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import { parseConfig } from '../../src/config.ts';
import { HttpServer } from '../../src/http/http-server.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { migrateDatabaseUrl, openDatabase, type PrismaClient } from '../../src/storage/database.ts';
import { InviteRepository } from '../../src/storage/repositories/invite-repository.ts';
import { seedDemoProvince } from '../../src/storage/seed-demo.ts';
import { TelegramEmulator } from './telegram-emulator/index.ts';

export interface BotProcessOptions {
  now: Date;
  /** A PostgreSQL URL; by default an SQLite file in the harness's folder. */
  databaseUrl?: string;
  webhook?: { url: (port: number) => string; secret: string };
  /** More settings, as the environment would give them (short HTTP limits, say). */
  env?: Record<string, string>;
}

/**
 * The real bot (core, Telegram channel, HTTP server) over a real SQLite file, talking HTTP to the
 * Telegram emulator on loopback; it can be stopped and started again on the same database.
 */
export class TelegramBotHarness {
  prisma!: PrismaClient;
  bot!: Bot;
  core!: BotCore;
  channel!: TelegramChannel;
  http!: HttpServer;
  port = 0;
  now: Date;
  readonly logs: string[] = [];

  private constructor(
    readonly tg: TelegramEmulator,
    readonly dir: string,
    private readonly options: BotProcessOptions,
  ) {
    this.now = options.now;
  }

  static async start(dir: string, options: BotProcessOptions, tg?: TelegramEmulator): Promise<TelegramBotHarness> {
    const emulator = tg ?? (await TelegramEmulator.start({ rateLimit: false }));
    const harness = new TelegramBotHarness(emulator, dir, options);
    await migrateDatabaseUrl(harness.databaseUrl);
    await harness.boot(true);
    return harness;
  }

  get dbPath(): string {
    return join(this.dir, 'bot.db');
  }

  get databaseUrl(): string {
    return this.options.databaseUrl ?? `file:${this.dbPath}`;
  }

  /** Starts a bot process's parts on the database; `seed` loads the demo province first. */
  async boot(seed = false): Promise<void> {
    this.prisma = (await openDatabase(this.databaseUrl)).prisma;
    if (seed) await seedDemoProvince(this.prisma);
    if (this.port === 0) this.port = await freePort();
    const env: Record<string, string> = {
      DATABASE_URL: this.databaseUrl,
      TELEGRAM_BOT_TOKEN: this.tg.token,
      TELEGRAM_API_ROOT: this.tg.apiRoot,
      HTTP_PORT: String(this.port),
    };
    if (this.options.webhook) {
      env.TELEGRAM_WEBHOOK_URL = this.options.webhook.url(this.port);
      env.TELEGRAM_WEBHOOK_SECRET = this.options.webhook.secret;
    }
    Object.assign(env, this.options.env);
    const sink = new Writable({ write: (chunk, _enc, done) => (this.logs.push(String(chunk)), done()) });
    const config = parseConfig(env);
    const logger = createLogger({ level: 'debug', pretty: false, secrets: [this.tg.token], destination: sink });
    // The whole bot as the program builds it; no scheduler: these tests drive the inbound side.
    this.bot = await createBot(config, logger, { prisma: this.prisma, clock: { now: () => this.now }, scheduling: false });
    this.core = this.bot.core;
    this.http = this.bot.http;
    this.channel = this.bot.channels.find((channel) => channel.name === 'telegram') as TelegramChannel;
    await this.bot.start();
  }

  /** Stops everything as a shutdown would; the database file stays. */
  async halt(): Promise<void> {
    await this.bot.stop();
  }

  async restart(): Promise<void> {
    await this.halt();
    await this.boot();
  }

  async close(): Promise<void> {
    await this.halt();
    await this.tg.close();
  }

  /** A fresh invitation code for a unit, as `invite create` makes it. */
  async invite(unitCode: string, role: RoleName, expiresAt = new Date(this.now.getTime() + 86_400_000)): Promise<string> {
    const unit = await this.prisma.unit.findUniqueOrThrow({ where: { code: unitCode } });
    const code = newInviteCode();
    await new InviteRepository(this.prisma).create({ codeHash: hashInviteCode(code), unitId: unit.id, role, expiresAt, createdBy: 'test' });
    return formatInviteCode(code);
  }

  /** The user writes; resolves with the plain text of the bot's next message to them. */
  async say(userId: number, text: string, languageCode = 'vi'): Promise<string> {
    const before = this.tg.messagesTo(userId).length;
    this.tg.userSends({ userId, text, firstName: 'Nguyễn', languageCode });
    const messages = await this.tg.waitForMessages(userId, before + 1, 10_000);
    return messages.slice(before).map((m) => m.plainText ?? m.text).join('\n---\n');
  }

  /** The user presses a button of the bot's last message; resolves with the next reply. */
  async press(userId: number, label: string): Promise<string> {
    const last = this.tg.lastMessageTo(userId);
    const rows = (last?.replyMarkup as { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> } | undefined)?.inline_keyboard ?? [];
    const button = rows.flat().find((b) => b.text === label || b.text.endsWith(`. ${label}`));
    if (!last || !button) throw new Error(`no button ${label} in: ${JSON.stringify(rows)}`);
    const before = this.tg.messagesTo(userId).length;
    this.tg.userPresses({ userId, messageId: last.messageId, data: button.callback_data });
    const messages = await this.tg.waitForMessages(userId, before + 1, 10_000);
    return messages.slice(before).map((m) => m.plainText ?? m.text).join('\n---\n');
  }
}
