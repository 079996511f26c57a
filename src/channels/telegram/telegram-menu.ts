import type { Telegram } from 'telegraf';
import { COMMANDS, type CommandName } from '../../dialog/commands.ts';
import { translate } from '../../i18n/translator.ts';

/** The commands shown in Telegram's menu; the others still work when typed. */
const MENU: CommandName[] = ['report', 'status', 'back', 'skip', 'cancel', 'language', 'help'];

/**
 * Registers the command menu in both languages: Vietnamese names for everyone and for Vietnamese
 * clients, English names for English clients.
 */
export async function registerCommandMenu(telegram: Telegram): Promise<void> {
  const entries = COMMANDS.filter((command) => MENU.includes(command.name));
  const vi = entries.map((command) => ({ command: command.vi, description: translate('vi', `menu.${command.name}`) }));
  const en = entries.map((command) => ({ command: command.en, description: translate('en', `menu.${command.name}`) }));
  await telegram.setMyCommands(vi);
  await telegram.setMyCommands(vi, { language_code: 'vi' });
  await telegram.setMyCommands(en, { language_code: 'en' });
}
