// Runs a compiled entry point of dist/ (`main/index.js` for `npm start`, `cli/index.js` for `npm run cli`),
// building first when a source file is newer than the last build, so an edited checkout never runs stale
// code. Usage: node scripts/run-built.mjs <entry under dist> [arguments...]
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, buildIsStale } from './build.mjs';

const [entry] = process.argv.splice(2, 1);
if (buildIsStale()) {
  process.stderr.write('Building…\n');
  build();
}
await import(pathToFileURL(join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'dist', entry)).href);
