// Generates the Prisma clients: the SQLite one from prisma/schema.prisma, and the PostgreSQL one from a
// copy of that same schema with only the provider and output changed (prisma/postgresql/schema.prisma,
// written here and never edited by hand). The plain command is tried first; where Prisma's binary host
// cannot be reached, generation is retried with PRISMA_SCHEMA_ENGINE_BINARY set, because `generate`
// only checks that the schema engine file exists and never runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const SOURCE = 'prisma/schema.prisma';
const POSTGRES = 'prisma/postgresql/schema.prisma';

function writePostgresSchema() {
  const source = readFileSync(SOURCE, 'utf8');
  const derived = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/src\/generated\/prisma"/, 'output                 = "../../src/generated/prisma-postgresql"');
  if (derived === source) throw new Error(`${SOURCE}: provider or output line not found`);
  mkdirSync('prisma/postgresql', { recursive: true });
  writeFileSync(POSTGRES, `// GENERATED from ${SOURCE} by scripts/prisma-generate.mjs: edit that file, not this one.\n${derived}`);
}

const run = (schema, env) =>
  spawnSync('npx', ['--no-install', 'prisma', 'generate', '--schema', schema], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });

function generate(schema) {
  let result = run(schema, {});
  if (result.status !== 0 && !process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
    const offline = /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|binaries\.prisma|fetch failed/i.test(`${result.stdout}${result.stderr}`);
    if (offline && existsSync(process.execPath)) result = run(schema, { PRISMA_SCHEMA_ENGINE_BINARY: process.execPath });
  }
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  if (result.status !== 0) process.exit(result.status ?? 1);
}

writePostgresSchema();
generate(SOURCE);
generate(POSTGRES);
