/**
 * Stable message codes the domain returns instead of text. A code is also the key of its
 * localised message (`locales/<lang>/<file>.json`, key = code without the `<file>.` prefix),
 * so the user-facing layer can render it in Vietnamese or English.
 */

/** Every code an answer check can return (keys of `locales/*\/answers.json`). */
export const ANSWER_CODES = [
  'answers.empty',
  'answers.required',
  'answers.not_integer',
  'answers.not_decimal',
  'answers.number_multiplier',
  'answers.number_unknown_word',
  'answers.not_a_date',
  'answers.impossible_date',
  'answers.unknown_choice',
  'answers.not_yes_no',
  'answers.too_long',
  'answers.wrong_type',
  'answers.constraint_failed',
  'answers.constraint_message',
  'answers.out_of_range',
  'answers.below_min',
  'answers.above_max',
] as const;

/** Every code a form check can return (keys of `locales/*\/forms.json`). */
export const FORM_CODES = [
  'forms.not_an_object',
  'forms.file_unreadable',
  'forms.text_not_parsed',
  'forms.missing_field',
  'forms.unknown_field',
  'forms.invalid_field',
  'forms.unknown_type',
  'forms.unknown_choice_list',
  'forms.empty_choice_list',
  'forms.duplicate_name',
  'forms.duplicate_choice',
  'forms.duplicate_indicator',
  'forms.missing_label_vi',
  'forms.expression_syntax',
  'forms.unknown_function',
  'forms.wrong_argument_count',
  'forms.unknown_reference',
  'forms.reference_to_note',
  'forms.current_value_outside_constraint',
  'forms.relevance_cycle',
  'forms.schedule_order',
  'forms.unknown_form',
  'forms.duplicate_form',
  'forms.invalid_period_key',
  'forms.problem_in_form',
  'forms.problem_in_question',
  'forms.problem_in_file',
  'forms.problem_at_line',
] as const;

/** A code returned when an answer is refused. */
export type AnswerCode = (typeof ANSWER_CODES)[number];
/** A code describing a problem with a form definition. */
export type FormCode = (typeof FORM_CODES)[number];

/** Parameters substituted into a message's `{placeholders}`. */
export type MessageParams = Record<string, string | number>;

/** A code plus its parameters: what the domain says, before any translation. */
export interface DomainMessage<C extends string = string> {
  code: C;
  params: MessageParams;
}

/** Translation function supplied by the caller (the domain imports no i18n). */
export type Translate = (key: string, params: MessageParams) => string;
