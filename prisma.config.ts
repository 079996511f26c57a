import { defineConfig } from 'prisma/config';

// The CLI reads the database location from the same variable as the product; generate needs none.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/baocao.db' },
});
