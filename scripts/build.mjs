// Compiles src/ to dist/ (TypeScript's own compiler, incremental, imports rewritten to .js) and copies the
// files that are not code (the dashboard's stylesheet), so `npm start` and `npm run cli` run plain
// JavaScript: no compiler at run time, a faster start and a smaller process. Run by `npm install`, by
// `npm test`, and by the start scripts whenever a source file is newer than the last build.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const STAMP = join(ROOT, 'dist', '.build-stamp');

/** Every file under a folder, with its modification time. */
export function* filesUnder(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

export function build() {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  for (const file of filesUnder(join(ROOT, 'src'))) {
    if (file.endsWith('.ts')) continue;
    const target = join(ROOT, 'dist', relative(join(ROOT, 'src'), file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
  writeFileSync(STAMP, new Date().toISOString());
}

/** Whether some source, schema or form changed since the last build (or there is none). */
export function buildIsStale() {
  let built;
  try {
    built = statSync(STAMP).mtimeMs;
  } catch {
    return true;
  }
  for (const folder of ['src']) for (const file of filesUnder(join(ROOT, folder))) if (statSync(file).mtimeMs > built) return true;
  return false;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) build();
