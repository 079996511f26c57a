/**
 * Parses one expression of a form and checks what can be checked without the other questions:
 * syntax, known functions, argument counts, and `.` used only in constraints.
 */
import { FUNCTION_ARITY } from '../expressions/ast.ts';
import { parseExpression } from '../expressions/parser.ts';
import { collectCalls, collectReferences, usesCurrentValue } from '../expressions/references.ts';
import { ExpressionSyntaxError } from '../expressions/tokenizer.ts';
import type { CompiledExpression } from './form-types.ts';
import type { ProblemList } from './form-problem.ts';

/** Compiles an expression or records why it cannot be; `field` names it in messages (e.g. "relevant"). */
export function compileExpression(
  source: string,
  field: string,
  problems: ProblemList,
  options: { question?: string; allowCurrent: boolean },
): CompiledExpression | undefined {
  let ast;
  try {
    ast = parseExpression(source);
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    problems.add(
      'forms.expression_syntax',
      { field, expression: source, position: error.position + 1, found: error.found || '…' },
      options.question,
    );
    return undefined;
  }
  let ok = true;
  for (const call of collectCalls(ast)) {
    const arity = FUNCTION_ARITY[call.name];
    if (!arity) {
      problems.add('forms.unknown_function', { field, name: call.name }, options.question);
      ok = false;
    } else if (call.args.length < arity.min || call.args.length > arity.max) {
      problems.add('forms.wrong_argument_count', { field, name: call.name, expected: arity.min }, options.question);
      ok = false;
    }
  }
  if (!options.allowCurrent && usesCurrentValue(ast)) {
    problems.add('forms.current_value_outside_constraint', { field }, options.question);
    ok = false;
  }
  return ok ? { source, ast, references: collectReferences(ast) } : undefined;
}
