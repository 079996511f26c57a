/**
 * Re-checks a whole submission before it is confirmed or accepted from elsewhere: every
 * relevant question's answer (type, choices, constraint against the other answers) and
 * every required relevant question answered. Answers to irrelevant questions are ignored.
 */
import type { Answers } from '../answers/answer-value.ts';
import { isUnanswered } from '../answers/answer-value.ts';
import { checkConstraint } from '../answers/constraint-check.ts';
import { checkValueShape } from '../answers/value-shape.ts';
import type { Locale } from '../localized-text.ts';
import type { AnswerCode, MessageParams } from '../messages.ts';
import type { Form } from './form-types.ts';
import { relevantQuestions } from './relevance.ts';

/** One problem with a submission, naming the question. */
export interface SubmissionProblem {
  question: string;
  code: AnswerCode;
  params: MessageParams;
}

/** Problems with a submission, in question order; empty when it can be accepted. */
export function validateSubmission(form: Form, answers: Answers, options: { locale?: Locale } = {}): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  for (const question of relevantQuestions(form, answers)) {
    if (question.type === 'note') continue;
    const value = answers[question.name];
    if (value === undefined || isUnanswered(value)) {
      if (question.required) problems.push({ question: question.name, code: 'answers.required', params: {} });
      continue;
    }
    const failure =
      checkValueShape(form, question, value) ?? checkConstraint(form, question, value, answers, options.locale ?? 'vi');
    if (failure) problems.push({ question: question.name, ...failure });
  }
  return problems;
}
