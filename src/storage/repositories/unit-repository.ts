import type { UnitImportStore } from '../../app/admin/import-units.ts';
import { depthOf } from '../../domain/organisation/unit-tree.ts';
import type { StoredUnit, UnitImportPlan } from '../../app/admin/unit-import-plan.ts';
import { subtreeIds, treeOrder } from '../../domain/organisation/unit-tree.ts';
import type { PrismaClient } from '../database.ts';
import { writeAudit, type AuditEntry } from './audit-repository.ts';
import { batches } from './batches.ts';

/** A unit as `units list` shows it. */
export interface UnitListRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  active: boolean;
  depth: number;
}

/** A long import may take longer than Prisma's 5-second default for an interactive transaction. */
const TRANSACTION = { timeout: 120_000, maxWait: 10_000 };

/** Units for administration: the import's reads and batched writes, the tree listing, scopes. */
export class UnitRepository implements UnitImportStore {
  constructor(private readonly prisma: PrismaClient) {}

  async storedUnits(): Promise<StoredUnit[]> {
    const rows = await this.prisma.unit.findMany({ select: { id: true, code: true, name: true, kind: true, parentId: true, active: true } });
    const codeOf = new Map(rows.map((row) => [row.id, row.code]));
    return rows.map(({ parentId, ...row }) => ({ ...row, parentCode: parentId === null ? null : (codeOf.get(parentId) ?? null) }));
  }

  /**
   * Writes an import in one transaction: new units level by level (one multi-row insert per level,
   * parents first), changed units one by one, left-out units deactivated in batches, then the audit.
   */
  async applyUnitPlan(plan: UnitImportPlan, meta: { actor: string; file: string }, onProgress: (done: number) => void): Promise<void> {
    const at = new Date();
    await this.prisma.$transaction(async (tx) => {
      const ids = new Map((await tx.unit.findMany({ select: { id: true, code: true } })).map((row) => [row.code, row.id]));
      const idOf = (code: string | null): number | null => (code === null ? null : (ids.get(code) ?? null));
      let done = 0;
      const depth = depthOf(plan.create);
      const levels = [...new Set(depth.values())].sort((a, b) => a - b);
      for (const level of levels) {
        const units = plan.create.filter((unit) => depth.get(unit.code) === level);
        for (const batch of batches(units)) {
          await tx.unit.createMany({ data: batch.map((unit) => ({ code: unit.code, name: unit.name, kind: unit.kind, parentId: idOf(unit.parentCode) })) });
          const created = await tx.unit.findMany({ where: { code: { in: batch.map((unit) => unit.code) } }, select: { id: true, code: true } });
          for (const row of created) ids.set(row.code, row.id);
          onProgress((done += batch.length));
        }
      }
      for (const change of plan.update) {
        const { name, kind, parentCode } = change.after;
        await tx.unit.update({ where: { id: change.id }, data: { name, kind, parentId: idOf(parentCode), active: true } });
        onProgress((done += 1));
      }
      for (const batch of batches(plan.deactivate)) {
        await tx.unit.updateMany({ where: { id: { in: batch.map((unit) => unit.id) } }, data: { active: false } });
        onProgress((done += batch.length));
      }
      const entries: AuditEntry[] = [
        ...plan.create.map((unit) => ({ actor: meta.actor, action: 'unit.create', entity: 'Unit', entityId: ids.get(unit.code), detail: { code: unit.code, name: unit.name, kind: unit.kind, parent: unit.parentCode } })),
        ...plan.update.map((change) => ({ actor: meta.actor, action: 'unit.update', entity: 'Unit', entityId: change.id, detail: { code: change.code, before: change.before, after: change.after } })),
        ...plan.deactivate.map((unit) => ({ actor: meta.actor, action: 'unit.deactivate', entity: 'Unit', entityId: unit.id, detail: { code: unit.code, reason: 'left out of import' } })),
        {
          actor: meta.actor,
          action: 'units.import',
          entity: 'Unit',
          detail: { file: meta.file, added: plan.create.length, updated: plan.update.length, deactivated: plan.deactivate.length, unchanged: plan.unchanged },
        },
      ];
      await writeAudit(tx, entries, at);
    }, TRANSACTION);
  }

  /** Every unit (or only active ones) in tree order, for `units list`. */
  async list(options: { all?: boolean } = {}): Promise<UnitListRow[]> {
    const rows = await this.prisma.unit.findMany({ select: { id: true, code: true, name: true, kind: true, parentId: true, active: true } });
    const codeOf = new Map(rows.map((row) => [row.id, row.code]));
    const shown = options.all ? rows : rows.filter((row) => row.active);
    return treeOrder(shown).map(({ unit, depth }) => ({
      id: unit.id,
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      parent: unit.parentId === null ? null : (codeOf.get(unit.parentId) ?? null),
      active: unit.active,
      depth,
    }));
  }

  /** The active units in the subtrees of the given units: what an admin of those units may act on. */
  async activeSubtree(rootIds: number[]): Promise<Array<{ id: number; code: string; name: string }>> {
    if (rootIds.length === 0) return [];
    const rows = await this.prisma.unit.findMany({ select: { id: true, code: true, name: true, parentId: true, active: true } });
    const active = rows.filter((row) => row.active);
    const scope = subtreeIds(active, rootIds);
    return active.filter((row) => scope.has(row.id)).map(({ id, code, name }) => ({ id, code, name }));
  }
}
