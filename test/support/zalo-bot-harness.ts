/**
 * The whole bot on Zalo, over real HTTP and a real SQLite file, for end-to-end tests: a migrated and
 * seeded database, the bot core with an injected clock, the loopback Zalo emulator, the product's
 * HTTP server on 127.0.0.1, and the Zalo channel between them. Every wait is bounded.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { hashInviteCode, newInviteCode } from '../../src/app/invite-codes.ts';
import type { RoleName } from '../../src/domain/organisation/vocabulary.ts';
import type { BotCore } from '../../src/main/create-core.ts';
import { createBot, type Bot } from '../../src/main/create-bot.ts';
import { freePort } from './bot-process-log.ts';
import { ZaloChannel, type ZaloChannelTuning } from '../../src/channels/zalo/zalo-channel.ts';
import { zaloUpdateKey, type ZaloUpdate } from '../../src/channels/zalo/zalo-types.ts';
import { parseConfig } from '../../src/config.ts';
import { periodWindow, pickText } from '../../src/domain/index.ts';
import { HttpServer } from '../../src/http/http-server.ts';
import { createLogger, type Logger } from '../../src/logging/logger.ts';
import { createPrismaClient, migrateDatabase, type PrismaClient } from '../../src/storage/database.ts';
import { readFormFolder } from '../../src/storage/form-files.ts';
import { seedDemoProvince } from '../../src/storage/seed-demo.ts';
import { ZaloEmulator, type ZaloEmulatorOptions } from './zalo-emulator.ts';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const WEBHOOK_SECRET = 'zalo-webhook-secret-for-tests';
/** The Zalo text limit the channel must respect. */
export const ZALO_LIMIT = 2000;

/** Short waits so that failures and retries take milliseconds, not seconds. */
const FAST: ZaloChannelTuning = {
  pollTimeoutSeconds: 1,
  pollBackoff: { baseDelayMs: 20, maxDelayMs: 100 },
  sendRetry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 100 },
};

/** An instant one hour after a form's period opens, in the province's time zone. */
export function instantWhenOpen(formId: string, periodKey: string): Date {
  const file = readFormFolder().find((entry) => entry.form.id === formId);
  if (file === undefined) throw new Error(`no form ${formId}`);
  return new Date(periodWindow(file.form, periodKey, TIME_ZONE).opensAt.getTime() + 60 * 60 * 1000);
}

/** The Vietnamese title of a form, as the bot shows it in the list of open periods. */
export function formTitle(formId: string): string {
  const file = readFormFolder().find((entry) => entry.form.id === formId);
  if (file === undefined) throw new Error(`no form ${formId}`);
  return pickText(file.form.title, 'vi');
}

/** Waits until `probe` gives something, polling every 10 ms; throws after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Log lines written by the bot, as parsed JSON records. */
export class LogCapture {
  readonly lines: Array<Record<string, unknown>> = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        try {
          this.lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          this.lines.push({ msg: line });
        }
      }
      done();
    },
  });

  /** Every line as text, for "contains" and "does not contain" checks. */
  get text(): string {
    return this.lines.map((line) => JSON.stringify(line)).join('\n');
  }

  messages(): string[] {
    return this.lines.map((line) => String(line['msg'] ?? ''));
  }
}

/** Options of one harness: the clock's instant, emulator behaviour, webhook mode, another database file. */
export interface HarnessOptions {
  now: Date;
  emulator?: ZaloEmulator;
  emulatorOptions?: ZaloEmulatorOptions;
  webhook?: boolean;
  /** Another token than the emulator's (a wrong one), or another API root (an unreachable one). */
  token?: string;
  apiRoot?: string;
  tuning?: ZaloChannelTuning;
  /** More settings, e.g. PUBLIC_BASE_URL. */
  env?: Record<string, string>;
}

/** One running bot. `restart()` builds a new one on the same database file and emulator. */
export class ZaloBotHarness {
  readonly clock: { current: Date };

  private constructor(
    readonly databasePath: string,
    readonly bot: Bot,
    readonly prisma: PrismaClient,
    readonly core: BotCore,
    readonly emulator: ZaloEmulator,
    readonly http: HttpServer,
    readonly channel: ZaloChannel,
    readonly logs: LogCapture,
    readonly webhookUrl: string | undefined,
    clock: { current: Date },
    private ownsEmulator: boolean,
  ) {
    this.clock = clock;
  }

  /** Migrates and seeds `dir/bot.db` (idempotent), then starts everything. */
  static async start(dir: string, options: HarnessOptions): Promise<ZaloBotHarness> {
    const databasePath = join(dir, 'bot.db');
    migrateDatabase(databasePath);
    const prisma = createPrismaClient(databasePath);
    await seedDemoProvince(prisma);
    const logs = new LogCapture();
    const logger: Logger = createLogger({ level: 'info', pretty: false, secrets: [], destination: logs.stream });
    const clock = { current: options.now };
    const ownsEmulator = options.emulator === undefined;
    const emulator = options.emulator ?? (await ZaloEmulator.start({ maxPollWaitMs: 200, ...options.emulatorOptions }));
    const port = await freePort();
    const webhookUrl = options.webhook === true ? `http://127.0.0.1:${port}/zalo/webhook` : undefined;
    const config = parseConfig({
      DATABASE_URL: `file:${databasePath}`,
      BOT_TIMEZONE: TIME_ZONE,
      BOT_LOCALE: 'vi',
      HTTP_PORT: String(port),
      ZALO_BOT_TOKEN: options.token ?? emulator.token,
      ZALO_API_ROOT: options.apiRoot ?? emulator.url,
      ...(webhookUrl === undefined ? {} : { ZALO_WEBHOOK_URL: webhookUrl, ZALO_WEBHOOK_SECRET: WEBHOOK_SECRET }),
      ...options.env,
    });
    // The whole bot as the program builds it; no scheduler: these tests drive the inbound side.
    const bot = await createBot(config, logger, { prisma, clock: { now: () => clock.current }, zaloTuning: options.tuning ?? FAST, scheduling: false });
    await bot.start();
    const channel = bot.channels.find((candidate) => candidate.name === 'zalo') as ZaloChannel;
    return new ZaloBotHarness(databasePath, bot, prisma, bot.core, emulator, bot.http, channel, logs, webhookUrl, clock, ownsEmulator);
  }

  /** Stops this bot (keeping the emulator) and starts a new core and channel on the same file. */
  async restart(options: Partial<HarnessOptions> = {}): Promise<ZaloBotHarness> {
    await this.stopBot();
    const dir = join(this.databasePath, '..');
    const next = await ZaloBotHarness.start(dir, { now: this.clock.current, emulator: this.emulator, ...(this.webhookUrl ? { webhook: true } : {}), ...options });
    next.ownsEmulator = this.ownsEmulator;
    this.ownsEmulator = false;
    return next;
  }

  /** Creates an invitation for a demo unit and returns the code as an admin would hand it out. */
  async invite(unitCode = 'STP', role: RoleName = 'reporter'): Promise<string> {
    const unit = await this.prisma.unit.findUniqueOrThrow({ where: { code: unitCode } });
    const code = newInviteCode();
    await this.core.storage.invites.create({
      codeHash: hashInviteCode(code),
      unitId: unit.id,
      role,
      expiresAt: new Date(this.clock.current.getTime() + 7 * 24 * 3600 * 1000),
      createdBy: 'test',
    });
    return code;
  }

  /** The user types `text`; returns what the bot answered in that chat. */
  async say(userId: string, text: string): Promise<string[]> {
    return this.exchange(userId, () => this.emulator.userSends({ userId, text, displayName: `Người dùng ${userId}` }));
  }

  /** Like `say`, with the answers joined into one text. */
  async ask(userId: string, text: string): Promise<string> {
    return (await this.say(userId, text)).join('\n');
  }

  /** Runs `send` (which makes the emulator deliver one update) and returns the texts sent back to `chatId`. */
  async exchange(chatId: string, send: () => ZaloUpdate): Promise<string[]> {
    const before = this.emulator.messagesTo(chatId).length;
    const update = send();
    await this.handled(update);
    return this.emulator.messagesTo(chatId).slice(before).map((message) => message.text);
  }

  /** Waits until the update is stored and handled, and every reply it caused was sent. */
  async handled(update: ZaloUpdate): Promise<void> {
    const key = zaloUpdateKey(update);
    await waitFor(async () => {
      const row = await this.prisma.inboundUpdate.findFirst({ where: { channel: 'zalo', updateKey: key } });
      return row !== null && row.status !== 'pending' ? row : undefined;
    }, `update ${key} to be handled`);
    await this.channel.settled();
  }

  /** Waits until the poller asked for updates `extra` more times: whatever was queued before was taken and dispatched. */
  async pollsPassed(extra = 2): Promise<void> {
    const count = this.emulator.calls.filter((call) => call.method === 'getUpdates').length;
    await this.emulator.waitForCalls('getUpdates', count + extra, 5000);
    await this.channel.settled();
  }

  /** Registers `userId` with a fresh invitation for STP as a reporter. */
  async register(userId: string): Promise<void> {
    const code = await this.invite();
    const reply = await this.ask(userId, code);
    if (!reply.includes('Chào mừng')) throw new Error(`registration failed: ${reply}`);
  }

  /**
   * Starts a report of `formId` with /baocao; when several periods are open, answers the number
   * shown next to that form. Returns the first question.
   */
  async startReport(userId: string, formId: string): Promise<string> {
    const first = await this.ask(userId, '/baocao');
    if (/Câu \d+\/\d+/.test(first) || first.includes('Tóm tắt báo cáo')) return first;
    const title = formTitle(formId);
    const line = first.split('\n').find((text) => /^\d+\. /.test(text) && text.includes(title));
    if (line === undefined) throw new Error(`no open period of ${formId} in: ${first}`);
    return this.ask(userId, line.slice(0, line.indexOf('.')));
  }

  /** The stored submission of STP for a form and period, with its revisions. */
  async submission(formId: string, periodKey: string) {
    const unit = await this.prisma.unit.findUniqueOrThrow({ where: { code: 'STP' } });
    return this.prisma.submission.findUnique({
      where: { unitId_formId_periodKey: { unitId: unit.id, formId, periodKey } },
      include: { revisions: { orderBy: { revision: 'asc' } } },
    });
  }

  async stopBot(): Promise<void> {
    await this.bot.stop();
  }

  /** Stops everything this harness started. */
  async close(): Promise<void> {
    await this.stopBot();
    if (this.ownsEmulator) await this.emulator.close();
  }
}
