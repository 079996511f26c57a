import type { RoleName } from './vocabulary.ts';

/**
 * The unit hierarchy, the one place that walks it: the scope rule that decides what a contact may
 * see (a supervisor or admin sees the units they hold the role on and every descendant; a reporter
 * only the units they report for), the tree order of `units list`, and the depth order of an import.
 * Every walk is iterative and survives a cycle in bad data.
 */

/** One unit of the hierarchy, as stored. */
export interface UnitNode {
  id: number;
  code: string;
  name: string;
  /** province | department | agency | association | grassroots */
  kind: string;
  parentId: number | null;
  active: boolean;
}

/** A role as far as scope is concerned. */
export interface ScopeRole {
  role: RoleName;
  unitId: number;
}

/**
 * Whether a unit is expected to file reports. The province node compiles results for the
 * leadership rather than reporting to itself, so it is never counted as missing.
 */
export function isReportingUnit(unit: UnitNode): boolean {
  return unit.active && unit.kind !== 'province';
}

/** Units indexed by id, code and parent, built once per request so scope walks are linear. */
export class UnitTree {
  private readonly byId = new Map<number, UnitNode>();
  private readonly byCodeFolded = new Map<string, UnitNode>();
  private readonly children: Map<number, UnitNode[]>;

  constructor(readonly units: readonly UnitNode[]) {
    for (const unit of units) {
      this.byId.set(unit.id, unit);
      this.byCodeFolded.set(unit.code.toLowerCase(), unit);
    }
    this.children = childrenByParent(units);
  }

  get(id: number): UnitNode | undefined {
    return this.byId.get(id);
  }

  /** A unit by code, ignoring case. */
  byCode(code: string): UnitNode | undefined {
    return this.byCodeFolded.get(code.trim().toLowerCase());
  }

  /** The parent of a unit, if any. */
  parentOf(unit: UnitNode): UnitNode | undefined {
    return unit.parentId === null ? undefined : this.byId.get(unit.parentId);
  }

  /** The top of the hierarchy: the province (the first unit without a parent). */
  root(): UnitNode | undefined {
    return this.units.find((unit) => unit.parentId === null && unit.kind === 'province') ?? this.units.find((unit) => unit.parentId === null);
  }

  /**
   * The active units under the given roots, roots included. The walk passes through inactive units
   * (a closed department's still-active sub-units stay visible) and survives a cycle in bad data.
   */
  subtree(rootIds: Iterable<number>): UnitNode[] {
    const found: UnitNode[] = [];
    for (const id of walkDown(this.children, rootIds)) {
      const unit = this.byId.get(id);
      if (unit?.active) found.push(unit);
    }
    return found.sort(byName);
  }
}

const VIETNAMESE = new Intl.Collator('vi');

/** Sorts units by their Vietnamese name, then code (one shared collator: sorting thousands stays fast). */
export function byName(a: UnitNode, b: UnitNode): number {
  return VIETNAMESE.compare(a.name, b.name) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** The units a contact may see: the subtree of each supervisor/admin role, plus each reporter role's own unit. */
export function scopeOf(tree: UnitTree, roles: readonly ScopeRole[]): UnitNode[] {
  const wide = roles.filter((role) => role.role !== 'reporter').map((role) => role.unitId);
  const seen = new Set<number>();
  const units: UnitNode[] = [];
  for (const unit of tree.subtree(wide)) {
    seen.add(unit.id);
    units.push(unit);
  }
  for (const role of roles) {
    if (role.role !== 'reporter' || seen.has(role.unitId)) continue;
    const unit = tree.get(role.unitId);
    if (!unit || !unit.active) continue;
    seen.add(unit.id);
    units.push(unit);
  }
  return units.sort(byName);
}

/** The units of a scope that are roots within it (no ancestor in the scope): what the digest is "for". */
export function scopeRoots(tree: UnitTree, scope: readonly UnitNode[]): UnitNode[] {
  const ids = new Set(scope.map((unit) => unit.id));
  return scope.filter((unit) => {
    for (let parent = tree.parentOf(unit), guard = 0; parent && guard < 1000; parent = tree.parentOf(parent), guard += 1) {
      if (ids.has(parent.id)) return false;
    }
    return true;
  });
}

/** Where treeOrder keeps the units shown at the top (no parent, or a parent not in the list). */
const ROOTS = -1;

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
  const children = childrenByParent(units.filter((unit) => unit.parentId !== null && ids.has(unit.parentId)));
  children.set(ROOTS, units.filter((unit) => unit.parentId === null || !ids.has(unit.parentId)));
  for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  const out: Array<{ unit: T; depth: number }> = [];
  const seen = new Set<number>();
  const stack: Array<{ unit: T; depth: number }> = [...(children.get(ROOTS) ?? [])].reverse().map((unit) => ({ unit, depth: 0 }));
  while (stack.length > 0) {
    const item = stack.pop() as { unit: T; depth: number };
    if (seen.has(item.unit.id)) continue;
    seen.add(item.unit.id);
    out.push(item);
    for (const child of [...(children.get(item.unit.id) ?? [])].reverse()) stack.push({ unit: child, depth: item.depth + 1 });
  }
  return out;
}

/** The given units and everything below them, by id: an admin's or a supervisor's scope in storage queries. */
export function subtreeIds(units: readonly TreeNode[], rootIds: Iterable<number>): Set<number> {
  return walkDown(childrenByParent(units), rootIds);
}

/** Children lists by parent id, built once so that walks are linear. */
function childrenByParent<T extends TreeNode>(units: readonly T[]): Map<number, T[]> {
  const children = new Map<number, T[]>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    const list = children.get(unit.parentId) ?? [];
    list.push(unit);
    children.set(unit.parentId, list);
  }
  return children;
}

/** The ids of the roots and of everything below them, each once, whatever cycles bad data holds. */
function walkDown(children: ReadonlyMap<number, readonly TreeNode[]>, rootIds: Iterable<number>): Set<number> {
  const seen = new Set<number>();
  const stack = [...rootIds];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const child of children.get(id) ?? []) stack.push(child.id);
  }
  return seen;
}

/** Each unit's depth below the first ancestor outside the file: inserting by depth puts parents first. */
export function depthOf(units: ReadonlyArray<{ code: string; parentCode: string | null }>): Map<string, number> {
  const inFile = new Map(units.map((unit) => [unit.code, unit]));
  const depth = new Map<string, number>();
  const visit = (code: string): number => {
    const known = depth.get(code);
    if (known !== undefined) return known;
    const parent = inFile.get(code)?.parentCode;
    const value = parent && inFile.has(parent) ? visit(parent) + 1 : 0;
    depth.set(code, value);
    return value;
  };
  for (const unit of units) visit(unit.code);
  return depth;
}
