// The Telegram harness with the supervisor queries registered on it, in case the composition root
// does not register them (registering twice replaces the same handlers).
import { registerSupervisorQueries } from '../../../src/app/digest/supervisor-queries.ts';
import { ReportDataRepository } from '../../../src/storage/repositories/report-data-repository.ts';
import { TelegramBotHarness } from '../../support/telegram-bot-harness.ts';

/** Starts the bot over the demo province with /tonghop, /chuabaocao, /donvi and /chiso answered. */
export async function startQueryBot(dir: string, now: Date): Promise<TelegramBotHarness> {
  const bot = await TelegramBotHarness.start(dir, { now });
  registerSupervisorQueries(bot.core.commands, {
    source: new ReportDataRepository(bot.prisma, { sqlitePath: bot.dbPath }),
    forms: () => bot.core.forms.current(),
    timeZone: bot.core.config.BOT_TIMEZONE,
  });
  return bot;
}

/** Registers a Telegram user with a fresh invitation to a unit and role. */
export async function join(bot: TelegramBotHarness, userId: number, unitCode: string, role: 'reporter' | 'supervisor' | 'admin'): Promise<void> {
  const code = await bot.invite(unitCode, role);
  const welcome = await bot.say(userId, `/start ${code}`);
  if (!welcome.includes('Chào mừng')) throw new Error(`registration failed: ${welcome}`);
}
