/** The least a tree walk needs of a unit. */
export interface TreeNode {
  id: number;
  code: string;
  parentId: number | null;
}

/**
 * Units in tree order (each parent followed by its subtree, siblings by code) with their depth, for
 * `units list`. A unit whose parent is missing from the list is shown as a root, so nothing is lost.
 */
export function treeOrder<T extends TreeNode>(units: T[]): Array<{ unit: T; depth: number }> {
  const ids = new Set(units.map((unit) => unit.id));
  const children = new Map<number | null, T[]>();
  for (const unit of units) {
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(unit);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  const out: Array<{ unit: T; depth: number }> = [];
  const seen = new Set<number>();
  const stack: Array<{ unit: T; depth: number }> = [...(children.get(null) ?? [])].reverse().map((unit) => ({ unit, depth: 0 }));
  while (stack.length > 0) {
    const item = stack.pop() as { unit: T; depth: number };
    if (seen.has(item.unit.id)) continue;
    seen.add(item.unit.id);
    out.push(item);
    for (const child of [...(children.get(item.unit.id) ?? [])].reverse()) stack.push({ unit: child, depth: item.depth + 1 });
  }
  return out;
}

/**
 * The given units and everything below them: an admin's or a supervisor's scope. Walks children
 * breadth-first, so a very deep tree cannot overflow the stack.
 */
export function subtreeIds(units: TreeNode[], rootIds: Iterable<number>): Set<number> {
  const children = new Map<number, number[]>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    const list = children.get(unit.parentId) ?? [];
    list.push(unit.id);
    children.set(unit.parentId, list);
  }
  const scope = new Set<number>();
  const queue = [...rootIds];
  while (queue.length > 0) {
    const id = queue.shift() as number;
    if (scope.has(id)) continue;
    scope.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  return scope;
}
