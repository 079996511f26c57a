/**
 * Checks an answer against its question's constraint, reading the other answers (cross-field
 * rules such as "the four rating levels add up to the total"). A failure carries the form's
 * own constraint_message when it has one, otherwise the bounds it broke, otherwise a generic code.
 */
import { evaluateBoolean } from '../expressions/evaluator.ts';
import type { Form, Question } from '../forms/form-types.ts';
import { questionBounds } from '../forms/question-bounds.ts';
import { pruneIrrelevant } from '../forms/relevance.ts';
import { pickText } from '../localized-text.ts';
import type { Locale } from '../localized-text.ts';
import type { AnswerError, AnswerValue, Answers } from './answer-value.ts';

/** Null when the value satisfies the constraint (or there is none), else why not. */
export function checkConstraint(
  form: Form,
  question: Question,
  value: AnswerValue,
  answers: Answers,
  locale: Locale = 'vi',
): AnswerError | null {
  if (!question.constraint || value === null) return null;
  const visible = { ...pruneIrrelevant(form, answers), [question.name]: value };
  if (evaluateBoolean(question.constraint.ast, { answers: visible, current: value })) return null;
  if (question.constraintMessage) {
    return { code: 'answers.constraint_message', params: { message: pickText(question.constraintMessage, locale) } };
  }
  const { min, max } = questionBounds(question);
  if (typeof value === 'number') {
    const outside = (min !== undefined && value < min) || (max !== undefined && value > max);
    if (outside && min !== undefined && max !== undefined) return { code: 'answers.out_of_range', params: { min, max } };
    if (outside && min !== undefined) return { code: 'answers.below_min', params: { min } };
    if (outside && max !== undefined) return { code: 'answers.above_max', params: { max } };
  }
  return { code: 'answers.constraint_failed', params: {} };
}
