import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/shared/app-error.ts';
import { POSTGRES_MIGRATIONS_DIR, readMigrationFiles } from '../../src/storage/migration-files.ts';
import { applyPostgresMigrations } from '../../src/storage/postgres-migrator.ts';
import { freshPostgresDatabase, TEST_POSTGRES_URL } from '../support/postgres.ts';
import { PROJECT_ROOT } from '../support/run-process.ts';

const require = createRequire(import.meta.url);

interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: Array<{ name: string; kind: string; isRequired: boolean; isUnique: boolean; dbName?: string | null }>;
  uniqueFields: string[][];
}

/** The generated PostgreSQL schema, read by Prisma's own parser: it must equal the SQLite one but for the provider. */
function datamodel(file: string): DmmfModel[] {
  const wasm = require('@prisma/prisma-schema-wasm') as { get_dmmf: (params: string) => string };
  const prismaSchema = readFileSync(join(PROJECT_ROOT, file), 'utf8');
  return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema }))).datamodel.models as DmmfModel[];
}

describe('one schema source for both databases', () => {
  it('should derive the PostgreSQL schema from schema.prisma with the same models', () => {
    const text = readFileSync(join(PROJECT_ROOT, 'prisma/postgresql/schema.prisma'), 'utf8');
    expect(text).toContain('GENERATED from prisma/schema.prisma');
    expect(datamodel('prisma/postgresql/schema.prisma')).toEqual(datamodel('prisma/schema.prisma'));
  });

  it('should ship a PostgreSQL migration for every SQLite migration', () => {
    const sqlite = readMigrationFiles().map((f) => f.name);
    expect(readMigrationFiles(POSTGRES_MIGRATIONS_DIR).map((f) => f.name)).toEqual(sqlite);
  });
});

describe.skipIf(!TEST_POSTGRES_URL)('PostgreSQL migrations and drift', () => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let client: pg.Client;
  beforeAll(async () => {
    database = await freshPostgresDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('should apply once, then do nothing', async () => {
    const files = readMigrationFiles(POSTGRES_MIGRATIONS_DIR);
    expect((await applyPostgresMigrations(database.url, files)).applied).toEqual(files.map((f) => f.name));
    expect((await applyPostgresMigrations(database.url, files)).applied).toEqual([]);
    const rows = await client.query(`SELECT migration_name, finished_at, applied_steps_count FROM "_prisma_migrations"`);
    expect(rows.rows.every((row) => row.finished_at !== null && row.applied_steps_count === 1)).toBe(true);
  });

  it('should give every model its table, columns, nullability and unique constraints', async () => {
    for (const model of datamodel('prisma/schema.prisma')) {
      const table = model.dbName ?? model.name;
      const columns = await client.query(`SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = $1`, [table]);
      const scalars = model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum');
      expect({ table, columns: columns.rows.map((c) => c.column_name).sort() }).toEqual({ table, columns: scalars.map((f) => f.dbName ?? f.name).sort() });
      for (const field of scalars) {
        const column = columns.rows.find((c) => c.column_name === (field.dbName ?? field.name));
        expect({ table, field: field.name, required: column?.is_nullable === 'NO' }).toEqual({ table, field: field.name, required: field.isRequired });
      }
      const uniques = await client.query(
        `SELECT array_to_string(array_agg(a.attname ORDER BY a.attname), ',') AS cols
           FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(i.indkey)
          WHERE t.relname = $1 AND i.indisunique GROUP BY i.indexrelid`,
        [table],
      );
      const present = uniques.rows.map((row) => row.cols as string);
      const expected = [...model.fields.filter((f) => f.isUnique).map((f) => [f.name]), ...model.uniqueFields].map((set) => [...set].sort().join(','));
      for (const set of expected) expect({ table, unique: set, present: present.includes(set) }).toEqual({ table, unique: set, present: true });
    }
  });

  it('should refuse an edited migration and a database from a newer version', async () => {
    const files = readMigrationFiles(POSTGRES_MIGRATIONS_DIR);
    const edited = files.map((f, i) => (i === 0 ? { ...f, checksum: '0'.repeat(64) } : f));
    await expect(applyPostgresMigrations(database.url, edited)).rejects.toSatisfy((e: unknown) => isAppError(e) && e.code === 'storage.migration_edited');
    await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ('future', 'x', '29990101000000_future', now(), 1)`);
    await expect(applyPostgresMigrations(database.url, files)).rejects.toSatisfy((e: unknown) => isAppError(e) && e.code === 'storage.database_newer');
    await client.query(`DELETE FROM "_prisma_migrations" WHERE id = 'future'`);
  });
});
