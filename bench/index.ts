import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// @ts-expect-error: a plain JavaScript build script, without type declarations.
import { build, buildIsStale } from '../scripts/build.mjs';

/**
 * `npm run bench`: runs every `bench/*.bench.ts` in turn (or only those named on the command line) and
 * prints their figures. Each module exports `run(): Promise<void>` and prints its own lines.
 */
const here = dirname(fileURLToPath(import.meta.url));
// The benches start the compiled program (and its workers) as users do: build it first when a source changed.
if ((buildIsStale as () => boolean)()) (build as () => void)();
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.includes(w)))
  .sort();
for (const file of files) {
  process.stdout.write(`\n== ${file.replace('.bench.ts', '')} ==\n`);
  const module = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<void> };
  await module.run();
}
process.exit(0);
