import { ConfigError } from '../config.ts';
import { isAppError } from '../shared/app-error.ts';
import type { Locale } from './locales.ts';
import { translate } from './translator.ts';

/**
 * The text a person sees for an error: the localised message of an AppError (each config problem on
 * its own line), or a plain "something went wrong" for anything else; never a stack trace.
 */
export function describeError(locale: Locale, error: unknown): string {
  if (error instanceof ConfigError) {
    const lines = error.problems.map((problem) =>
      translate(locale, 'config.problem', { variable: problem.variable, reason: translate(locale, problem.code) }),
    );
    return [translate(locale, 'config.invalid'), ...lines].join('\n');
  }
  if (isAppError(error)) return translate(locale, error.code, error.params);
  return translate(locale, 'cli.unexpected');
}
