/**
 * Commander's usage errors (a missing option, a value outside the choices, an unknown command) in the
 * operator's language, naming the option and what it allows. Commander writes them in English; the
 * command line silences that and prints these instead, with the way to the help.
 */
import type { MessageParams } from '../i18n/translator.ts';

/** How commander words each error (v14), and the message key and parameters it becomes. */
const PATTERNS: Array<{ code: string; pattern: RegExp; key: string; params: (match: RegExpExecArray) => MessageParams }> = [
  { code: 'commander.missingMandatoryOptionValue', pattern: /option '([^']+)'/, key: 'cli.usage_missing_option', params: (m) => ({ option: m[1] ?? '' }) },
  { code: 'commander.optionMissingArgument', pattern: /option '([^']+)'/, key: 'cli.usage_option_needs_value', params: (m) => ({ option: m[1] ?? '' }) },
  {
    code: 'commander.invalidArgument',
    pattern: /option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/,
    key: 'cli.usage_invalid_choice',
    params: (m) => ({ option: m[1] ?? '', value: m[2] ?? '', allowed: m[3] ?? '' }),
  },
  { code: 'commander.unknownOption', pattern: /unknown option '([^']+)'/, key: 'cli.usage_unknown_option', params: (m) => ({ option: m[1] ?? '' }) },
  { code: 'commander.unknownCommand', pattern: /unknown command '([^']+)'/, key: 'cli.usage_unknown_command', params: (m) => ({ command: m[1] ?? '' }) },
  { code: 'commander.missingArgument', pattern: /missing required argument '([^']+)'/, key: 'cli.usage_missing_argument', params: (m) => ({ argument: m[1] ?? '' }) },
  { code: 'commander.excessArguments', pattern: /too many arguments for '([^']+)'/, key: 'cli.usage_too_many_arguments', params: (m) => ({ command: m[1] ?? '' }) },
];

/** Whether commander's English text is one of the usage errors printed here instead (so commander's is silenced). */
export function isUsageErrorText(text: string): boolean {
  return /^error: (required option|option '|unknown option|unknown command|missing required argument|too many arguments)/.test(text);
}

/** The localised line for a commander error, or null when it is not a usage error we know (help, version). */
export function usageErrorText(error: { code?: string; message?: string }, t: (key: string, params?: MessageParams) => string): string | null {
  for (const { code, pattern, key, params } of PATTERNS) {
    if (error.code !== code) continue;
    const match = pattern.exec(error.message ?? '');
    if (match) return `${t(key, params(match))} ${t('cli.usage_help_hint')}`;
  }
  return null;
}
