/**
 * The public API of the domain core: forms as data, answers as people type them, periods and
 * their windows, and the plan's indicators. Pure functions only: no I/O, time passed in.
 */
export type { Locale, LocalizedText } from './localized-text.ts';
export { pickText } from './localized-text.ts';
export { ANSWER_CODES, FORM_CODES } from './messages.ts';
export type { AnswerCode, DomainMessage, FormCode, MessageParams, Translate } from './messages.ts';

export type { Expr, BinaryOperator } from './expressions/ast.ts';
export { parseExpression } from './expressions/parser.ts';
export { ExpressionSyntaxError } from './expressions/tokenizer.ts';
export { evaluate, evaluateBoolean, evaluateNumber } from './expressions/evaluator.ts';
export type { EvalContext, ExprValue } from './expressions/evaluator.ts';
export { collectReferences } from './expressions/references.ts';

export type {
  Choice,
  CompiledExpression,
  Form,
  IndicatorDef,
  IndicatorSide,
  PeriodType,
  Question,
  QuestionType,
  ReminderPolicy,
  Schedule,
  ScheduleMoment,
} from './forms/form-types.ts';
export type { FormProblem } from './forms/form-problem.ts';
export { loadForm, shortenTitle } from './forms/form-loader.ts';
export type { LoadFormResult } from './forms/form-loader.ts';
export { parseFormText } from './forms/parse-form-text.ts';
export type { ParseFormTextResult } from './forms/parse-form-text.ts';
export { checkFormSet, collectIndicators } from './forms/form-set.ts';
export { renderFormProblems } from './forms/render-problems.ts';
export { isRelevant, pruneIrrelevant, relevantQuestions } from './forms/relevance.ts';
export { questionBounds } from './forms/question-bounds.ts';
export type { QuestionBounds } from './forms/question-bounds.ts';
export { validateSubmission } from './forms/submission-validation.ts';
export type { SubmissionProblem } from './forms/submission-validation.ts';

export type { AnswerError, AnswerResult, AnswerValue, Answers } from './answers/answer-value.ts';
export { MAX_TEXT_LENGTH, isUnanswered } from './answers/answer-value.ts';
export { parseAnswer, resolveQuestion } from './answers/parse-answer.ts';
export type { ParseAnswerOptions } from './answers/parse-answer.ts';
export { isYesNoList } from './answers/parse-choice.ts';

export type { PeriodKey, ParsedPeriodKey } from './periods/period-key.ts';
export { formatPeriodKey, isoWeeksInYear, parsePeriodKey, periodYear } from './periods/period-key.ts';
export type { PeriodRange } from './periods/period-range.ts';
export { DEFAULT_TIME_ZONE, nextPeriodKey, periodKeyAt, periodRange, previousPeriodKey } from './periods/period-range.ts';
export type { PeriodWindow, ScheduledForm } from './periods/period-window.ts';
export { isLate, periodWindow } from './periods/period-window.ts';
export { openPeriods } from './periods/open-periods.ts';
export { escalationTime, reminderTimes } from './periods/reminder-ladder.ts';

export type {
  IndicatorOptions,
  IndicatorPace,
  IndicatorResult,
  IndicatorStatus,
  PeriodAnswers,
  UnitInput,
} from './indicators/indicator-types.ts';
export { computeIndicator, meetsTarget } from './indicators/compute-indicator.ts';
export { unitsBelowTarget } from './indicators/units-below-target.ts';
export type { UnitBelowTarget } from './indicators/units-below-target.ts';
export { yearFraction } from './indicators/pace.ts';
