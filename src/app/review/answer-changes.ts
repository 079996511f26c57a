import { pickText, type Answers, type Form, type Locale } from '../../domain/index.ts';
import { formatAnswer } from '../../i18n/format-answer.ts';

/** One answer that differs between two revisions, formatted for a reader. */
export interface AnswerChange {
  label: string;
  before: string;
  after: string;
}

/**
 * What changed from the previous revision to the current one, question by question in the form's
 * order, so a reviewer sees at a glance what an amendment corrected.
 */
export function answerChanges(form: Form, previous: Answers, current: Answers, locale: Locale): AnswerChange[] {
  const changes: AnswerChange[] = [];
  for (const question of form.questions) {
    const before = previous[question.name];
    const after = current[question.name];
    if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) continue;
    changes.push({ label: pickText(question.label, locale), before: formatAnswer(form, question, before, locale), after: formatAnswer(form, question, after, locale) });
  }
  return changes;
}
