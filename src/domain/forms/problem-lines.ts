/**
 * Finds the line of a form file that each problem is about, so an admin fixing a form goes straight
 * to it ("monthly_figures.yaml, dòng 42"), at start-up as in `forms validate`. Pure: it reads the
 * file's text, already in memory.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { FormProblem } from './form-problem.ts';

type Step = string | number;

/** The problems with `file` set and, where the text shows where, `line` (1-based). */
export function withProblemLines(problems: readonly FormProblem[], text: string, file: string): FormProblem[] {
  const lineCounter = new LineCounter();
  let doc: Document | undefined;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  } catch {
    doc = undefined;
  }
  return problems.map((problem) => {
    const given = typeof problem.params.line === 'number' && problem.params.line > 0 ? problem.params.line : undefined;
    const node = doc && given === undefined ? nodeOf(doc, problem) : undefined;
    const offset = node?.range?.[0];
    const line = given ?? (offset === undefined ? undefined : lineCounter.linePos(offset).line);
    return line === undefined ? { ...problem, file } : { ...problem, file, line };
  });
}

/** The YAML node a problem is about: its field path, its question, its list or indicator, else nothing. */
function nodeOf(doc: Document, problem: FormProblem): Node | undefined {
  const params = problem.params;
  const question = problem.question === undefined ? undefined : questionPath(doc, problem.question);
  if (typeof params.path === 'string' && params.path !== '') return deepest(doc, params.path.split('.').map(step));
  if (typeof params.field === 'string') {
    const field = params.field.split('.');
    if (question) return deepest(doc, [...question, ...field]);
    if (field[0] === 'choices' && field.length >= 3) return deepest(doc, [...(itemPath(doc, ['choices', field[1] ?? ''], 'name', field[2] ?? '') ?? ['choices', field[1] ?? '']), ...field.slice(3)]);
    if (field[0] === 'indicators' && field.length >= 2) return deepest(doc, [...(itemPath(doc, ['indicators'], 'id', field[1] ?? '') ?? ['indicators']), ...field.slice(2)]);
    return deepest(doc, field);
  }
  if (question) return deepest(doc, [...question, ...(problem.code === 'forms.unknown_type' ? ['type'] : [])]);
  if (typeof params.list === 'string') return deepest(doc, ['choices', params.list]);
  if (typeof params.id === 'string') return deepest(doc, itemPath(doc, ['indicators'], 'id', params.id) ?? ['indicators']);
  if (problem.code === 'forms.schedule_order') return deepest(doc, ['settings', 'schedule']);
  return undefined;
}

function step(segment: string): Step {
  return /^\d+$/.test(segment) ? Number(segment) : segment;
}

/** The path of the question with this name ("#3" is the third, for one without a name). */
function questionPath(doc: Document, name: string): Step[] | undefined {
  const numbered = /^#(\d+)$/.exec(name);
  if (numbered) return ['questions', Number(numbered[1]) - 1];
  return itemPath(doc, ['questions'], 'name', name);
}

/** The path of the item of a sequence whose `key` is `value`. */
function itemPath(doc: Document, seqPath: Step[], key: string, value: string): Step[] | undefined {
  const seq = doc.getIn(seqPath, true);
  if (!isSeq(seq)) return undefined;
  const index = seq.items.findIndex((item) => isMap(item) && String(item.get(key)) === value);
  return index < 0 ? undefined : [...seqPath, index];
}

/** The node at the path, or at the longest part of it that exists (a missing field points at its parent). */
function deepest(doc: Document, path: Step[]): Node | undefined {
  for (let length = path.length; length > 0; length -= 1) {
    const node = doc.getIn(path.slice(0, length), true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node) return node;
  }
  return undefined;
}
