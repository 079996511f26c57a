import { ConfigError } from '../shared/config-error.ts';
import { renderFormProblems } from '../domain/forms/render-problems.ts';
import type { FormProblem } from '../domain/forms/form-problem.ts';
import { isAppError } from '../shared/app-error.ts';
import type { Locale } from '../domain/localized-text.ts';
import { translate } from './translator.ts';

/**
 * The text a person sees for an error: the localised message of an AppError (each config problem on
 * its own line, and each form problem on its own line with its file and line), or a plain "something
 * went wrong" for anything else; never a stack trace.
 */
export function describeError(locale: Locale, error: unknown): string {
  if (error instanceof ConfigError) {
    const lines = error.problems.map((problem) =>
      translate(locale, 'config.problem', { variable: problem.variable, reason: translate(locale, problem.code) }),
    );
    return [translate(locale, 'config.invalid'), ...lines].join('\n');
  }
  if (isAppError(error) && Array.isArray((error as { problems?: unknown }).problems) && error.code === 'cli.forms_invalid') {
    const problems = (error as unknown as { problems: FormProblem[] }).problems;
    const lines = renderFormProblems(problems, (key, params) => translate(locale, key, params)).map((line) => `- ${line}`);
    return [translate(locale, error.code, error.params), ...lines].join('\n');
  }
  if (isAppError(error)) return translate(locale, error.code, error.params);
  return translate(locale, 'cli.unexpected');
}
