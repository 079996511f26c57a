// Generates the Prisma client. The plain command is tried first; where Prisma's binary host cannot be
// reached, generation is retried with PRISMA_SCHEMA_ENGINE_BINARY set, because `generate` only checks
// that the schema engine file exists and never runs it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (env) =>
  spawnSync('npx', ['--no-install', 'prisma', 'generate'], { encoding: 'utf8', env: { ...process.env, ...env } });

let result = run({});
if (result.status !== 0 && !process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const offline = /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|binaries\.prisma|fetch failed/i.test(
    `${result.stdout}${result.stderr}`,
  );
  if (offline && existsSync(process.execPath)) {
    result = run({ PRISMA_SCHEMA_ENGINE_BINARY: process.execPath });
  }
}
process.stdout.write(result.stdout ?? '');
process.stderr.write(result.stderr ?? '');
process.exit(result.status ?? 1);
