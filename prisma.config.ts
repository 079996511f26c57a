import { defineConfig } from 'prisma/config';

// One schema source: prisma/schema.prisma. The PostgreSQL schema is generated from it by
// scripts/prisma-generate.mjs; the CLI picks the pair that matches DATABASE_URL.
const url = process.env.DATABASE_URL ?? 'file:./data/baocao.db';
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  schema: postgres ? 'prisma/postgresql/schema.prisma' : 'prisma/schema.prisma',
  migrations: { path: postgres ? 'prisma/migrations-postgresql' : 'prisma/migrations' },
  datasource: { url },
});
