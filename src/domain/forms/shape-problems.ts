/**
 * Turns zod's shape errors into form problems that name the field (and the question, when
 * the error sits inside one), so an admin sees "questions › admitted: missing field label".
 */
import type { z } from 'zod';
import type { ProblemList } from './form-problem.ts';

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node: unknown = root;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[step];
  }
  return node;
}

function questionNameAt(root: unknown, path: ReadonlyArray<PropertyKey>): string | undefined {
  if (path[0] !== 'questions' || typeof path[1] !== 'number') return undefined;
  const name = valueAt(root, ['questions', path[1], 'name']);
  return typeof name === 'string' ? name : `#${path[1] + 1}`;
}

/** Adds one problem per zod issue: missing field, unknown field, or invalid field. */
export function addShapeProblems(problems: ProblemList, raw: unknown, issues: ReadonlyArray<z.core.$ZodIssue>): void {
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    const question = questionNameAt(raw, issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.add('forms.unknown_field', { path: path ? `${path}.${key}` : key }, question);
    } else if (issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined) {
      problems.add('forms.missing_field', { path }, question);
    } else {
      problems.add('forms.invalid_field', { path }, question);
    }
  }
}
