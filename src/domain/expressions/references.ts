/**
 * Static facts about an expression tree, used when loading a form: which answers it reads,
 * whether it uses the current value `.`, and which function calls it makes.
 */
import type { Expr } from './ast.ts';

/** Calls `visit` for every node of the tree, parents before children. */
export function walkExpression(expr: Expr, visit: (node: Expr) => void): void {
  visit(expr);
  switch (expr.kind) {
    case 'negate':
      walkExpression(expr.operand, visit);
      break;
    case 'binary':
      walkExpression(expr.left, visit);
      walkExpression(expr.right, visit);
      break;
    case 'call':
      for (const arg of expr.args) walkExpression(arg, visit);
      break;
    default:
      break;
  }
}

/** Names referenced as `${name}`, each once, in order of first appearance. */
export function collectReferences(expr: Expr): string[] {
  const names: string[] = [];
  walkExpression(expr, (node) => {
    if (node.kind === 'ref' && !names.includes(node.name)) names.push(node.name);
  });
  return names;
}

/** True when the expression reads the current value `.` (only meaningful in constraints). */
export function usesCurrentValue(expr: Expr): boolean {
  let found = false;
  walkExpression(expr, (node) => {
    if (node.kind === 'current') found = true;
  });
  return found;
}

/** Every function call node in the tree. */
export function collectCalls(expr: Expr): Array<Extract<Expr, { kind: 'call' }>> {
  const calls: Array<Extract<Expr, { kind: 'call' }>> = [];
  walkExpression(expr, (node) => {
    if (node.kind === 'call') calls.push(node);
  });
  return calls;
}
