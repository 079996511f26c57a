import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../src/storage/database.ts';
import { PROJECT_ROOT } from '../support/run-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const require = createRequire(import.meta.url);

interface DmmfField {
  name: string;
  kind: string;
  isRequired: boolean;
  isList: boolean;
  isUnique: boolean;
  isId: boolean;
  dbName?: string | null;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  uniqueFields: string[][];
  primaryKey: { fields: string[] } | null;
}

/** Prisma's own reading of schema.prisma, through the same schema parser the CLI uses. */
function readDatamodel(): DmmfModel[] {
  const wasm = require('@prisma/prisma-schema-wasm') as { get_dmmf: (params: string) => string };
  const prismaSchema = readFileSync(join(PROJECT_ROOT, 'prisma', 'schema.prisma'), 'utf8');
  return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema }))).datamodel.models as DmmfModel[];
}

describe('migrated database against schema.prisma', () => {
  const models = readDatamodel();
  const path = join(tempDir(), 'drift.db');

  function openMigrated(): Database.Database {
    migrateDatabase(path);
    return new Database(path, { readonly: true });
  }

  it('should have a table for every model and no table the schema does not know', () => {
    const db = openMigrated();
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as Array<{ name: string }>)
      .map((row) => row.name)
      .filter((name) => !name.startsWith('sqlite_') && name !== '_prisma_migrations')
      .sort();
    db.close();
    expect(tables).toEqual(models.map((model) => model.dbName ?? model.name).sort());
  });

  it.each(readDatamodel().map((model) => [model.name, model] as const))(
    'should give %s every column with the right nullability',
    (_name, model) => {
      const db = openMigrated();
      const columns = db.prepare(`PRAGMA table_info("${model.dbName ?? model.name}")`).all() as Array<{
        name: string;
        notnull: number;
        pk: number;
      }>;
      db.close();
      const scalars = model.fields.filter((field) => field.kind === 'scalar' || field.kind === 'enum');
      expect(columns.map((column) => column.name).sort()).toEqual(scalars.map((f) => f.dbName ?? f.name).sort());
      for (const field of scalars) {
        const column = columns.find((c) => c.name === (field.dbName ?? field.name));
        const notNull = column?.notnull === 1 || (column?.pk === 1 && field.isRequired);
        expect({ field: field.name, required: notNull }).toEqual({ field: field.name, required: field.isRequired });
      }
    },
  );

  it('should enforce every unique constraint of the schema with an index', () => {
    const db = openMigrated();
    for (const model of models) {
      const table = model.dbName ?? model.name;
      const indexes = db.prepare(`PRAGMA index_list("${table}")`).all() as Array<{ name: string; unique: number }>;
      const uniqueSets = indexes
        .filter((index) => index.unique === 1)
        .map((index) =>
          (db.prepare(`PRAGMA index_info("${index.name}")`).all() as Array<{ name: string }>).map((c) => c.name).sort().join(','),
        );
      const expected = [
        ...model.fields.filter((f) => f.isUnique).map((f) => [f.name]),
        ...model.uniqueFields,
      ].map((set) => [...set].sort().join(','));
      for (const set of expected) expect({ table, unique: uniqueSets.includes(set) }).toEqual({ table, unique: true });
    }
    db.close();
  });
});
