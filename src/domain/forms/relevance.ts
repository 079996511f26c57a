/**
 * Skip logic for the dialog engine: which questions are asked given the answers so far.
 * A question is relevant when its `relevant` expression is true, reading every question
 * that is itself not relevant as unanswered (so hiding A also hides what depends on A).
 */
import { evaluateBoolean } from '../expressions/evaluator.ts';
import type { Form, Question } from './form-types.ts';
import type { Answers } from '../answers/answer-value.ts';

/** Decides relevance of every question at once, memoised; forms are acyclic after loading. */
export function relevanceMap(form: Form, answers: Answers): Map<string, boolean> {
  const byName = new Map(form.questions.map((q) => [q.name, q]));
  const memo = new Map<string, boolean>();
  const resolve = (question: Question, depth: number): boolean => {
    const known = memo.get(question.name);
    if (known !== undefined) return known;
    let result = true;
    if (question.relevant && depth < form.questions.length + 1) {
      const visible: Record<string, unknown> = {};
      for (const ref of question.relevant.references) {
        const target = byName.get(ref);
        visible[ref] = target && resolve(target, depth + 1) ? answers[ref] : null;
      }
      result = evaluateBoolean(question.relevant.ast, { answers: visible });
    }
    memo.set(question.name, result);
    return result;
  };
  for (const question of form.questions) resolve(question, 0);
  return memo;
}

/** Whether one question should be asked given the answers so far. */
export function isRelevant(form: Form, question: Question | string, answers: Answers): boolean {
  const name = typeof question === 'string' ? question : question.name;
  return relevanceMap(form, answers).get(name) ?? false;
}

/** The questions to ask, in form order, given the answers so far. */
export function relevantQuestions(form: Form, answers: Answers): Question[] {
  const map = relevanceMap(form, answers);
  return form.questions.filter((q) => map.get(q.name) === true);
}

/** The answers with every irrelevant question's answer dropped, as stored on confirmation. */
export function pruneIrrelevant(form: Form, answers: Answers): Answers {
  const map = relevanceMap(form, answers);
  const kept: Answers = {};
  for (const [name, value] of Object.entries(answers)) if (map.get(name) === true) kept[name] = value;
  return kept;
}
