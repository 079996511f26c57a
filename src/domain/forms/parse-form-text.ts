/**
 * Turns the text of a form file (YAML, or JSON which is YAML too) into a plain object for
 * `loadForm`. Pure: the caller reads the file.
 */
import { parse } from 'yaml';
import type { FormProblem } from './form-problem.ts';

/** The parsed object, or a problem naming the source and the line of the syntax error. */
export type ParseFormTextResult = { ok: true; value: unknown } | { ok: false; problems: FormProblem[] };

/** Parses YAML/JSON text; YAML 1.2 rules, so `yes`/`no` stay strings. */
export function parseFormText(text: string, source: string): ParseFormTextResult {
  try {
    return { ok: true, value: parse(text, { prettyErrors: true, uniqueKeys: true }) as unknown };
  } catch (error) {
    const linePos = (error as { linePos?: Array<{ line: number }> }).linePos;
    const line = linePos?.[0]?.line ?? 0;
    return { ok: false, problems: [{ formId: source, code: 'forms.text_not_parsed', params: { source, line } }] };
  }
}
