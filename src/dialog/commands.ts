/**
 * Chat commands, in Vietnamese with English aliases. Channels pass text through unchanged; the engine
 * and the app recognise commands here, so every channel understands the same words.
 */
export type CommandName =
  | 'start'
  | 'report'
  | 'status'
  | 'language'
  | 'help'
  | 'cancel'
  | 'back'
  | 'skip'
  | 'away'
  | 'digest'
  | 'missing'
  | 'unit'
  | 'indicators'
  | 'invite'
  | 'annual'
  | 'dashboard'
  | 'review'
  | 'reopen';

/** Vietnamese name first: the menu shows it to Vietnamese users, the alias to English ones. */
export const COMMANDS: ReadonlyArray<{ name: CommandName; vi: string; en: string }> = [
  { name: 'report', vi: 'baocao', en: 'report' },
  { name: 'status', vi: 'trangthai', en: 'status' },
  { name: 'back', vi: 'quaylai', en: 'back' },
  { name: 'skip', vi: 'boqua', en: 'skip' },
  { name: 'cancel', vi: 'huy', en: 'cancel' },
  { name: 'away', vi: 'vangmat', en: 'away' },
  { name: 'digest', vi: 'tonghop', en: 'digest' },
  { name: 'missing', vi: 'chuabaocao', en: 'missing' },
  { name: 'unit', vi: 'donvi', en: 'unit' },
  { name: 'indicators', vi: 'chiso', en: 'indicators' },
  { name: 'annual', vi: 'baocaonam', en: 'annual' },
  { name: 'invite', vi: 'moi', en: 'invite' },
  { name: 'dashboard', vi: 'bangdieukhien', en: 'dashboard' },
  { name: 'review', vi: 'duyet', en: 'review' },
  { name: 'reopen', vi: 'molai', en: 'reopen' },
  { name: 'language', vi: 'ngonngu', en: 'language' },
  { name: 'help', vi: 'trogiup', en: 'help' },
  { name: 'start', vi: 'start', en: 'start' },
];

const BY_WORD = new Map<string, CommandName>();
for (const command of COMMANDS) {
  BY_WORD.set(command.vi, command.name);
  BY_WORD.set(command.en, command.name);
}

export interface ParsedCommand {
  /** null for a word that is not one of ours. */
  name: CommandName | null;
  word: string;
  args: string;
}

/**
 * Reads "/baocao", "/report@my_bot", "/start ABC123" or "/huy"; returns null when the text is not a
 * command at all. Case and a trailing "@botname" are ignored, as Telegram group chats add it.
 */
export function parseCommand(text: string): ParsedCommand | null {
  const match = text.trim().match(/^\/([A-Za-z0-9_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/);
  if (!match) return null;
  const word = (match[1] ?? '').toLowerCase();
  return { name: BY_WORD.get(word) ?? null, word, args: (match[2] ?? '').trim() };
}
