/**
 * Renders form problems as plain lines for admins ("Biểu mẫu monthly_figures, câu admitted: …"),
 * with a translate function passed in so the domain needs no i18n.
 */
import type { Translate } from '../messages.ts';
import type { FormProblem } from './form-problem.ts';

/** One line per problem, in the language of the given translate function, led by its file and line when known. */
export function renderFormProblems(problems: readonly FormProblem[], translate: Translate): string[] {
  return problems.map((problem) => {
    const message = translate(problem.code, problem.params);
    const text = problem.question === undefined
      ? translate('forms.problem_in_form', { form: problem.formId, message })
      : translate('forms.problem_in_question', { form: problem.formId, question: problem.question, message });
    if (problem.file === undefined) return text;
    return problem.line === undefined
      ? translate('forms.problem_in_file', { file: problem.file, text })
      : translate('forms.problem_at_line', { file: problem.file, line: problem.line, text });
  });
}
