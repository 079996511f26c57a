/**
 * The unit hierarchy as the digest and the supervisor queries see it, and the scope rule that
 * decides what a contact may see: a supervisor or admin sees the units they hold the role on
 * and every descendant; a reporter sees only the units they report for.
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
  role: 'reporter' | 'supervisor' | 'admin';
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
  private readonly children = new Map<number, UnitNode[]>();

  constructor(readonly units: readonly UnitNode[]) {
    for (const unit of units) {
      this.byId.set(unit.id, unit);
      this.byCodeFolded.set(unit.code.toLowerCase(), unit);
    }
    for (const unit of units) {
      if (unit.parentId === null) continue;
      const list = this.children.get(unit.parentId) ?? [];
      list.push(unit);
      this.children.set(unit.parentId, list);
    }
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
    const seen = new Set<number>();
    const stack = [...rootIds];
    const found: UnitNode[] = [];
    while (stack.length) {
      const id = stack.pop() as number;
      if (seen.has(id)) continue;
      seen.add(id);
      const unit = this.byId.get(id);
      if (!unit) continue;
      if (unit.active) found.push(unit);
      for (const child of this.children.get(id) ?? []) stack.push(child.id);
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
