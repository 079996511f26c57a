/**
 * The program's modules as `npm start` runs them: compiled, from dist/ (the test command builds it
 * first). Child processes that tests start again and again (the crash-safety bot, the workers) load
 * these instead of transpiling src/ at every start; the types are the sources'.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

/** `modulePath` relative to src/ without extension, e.g. "main/create-bot". */
export async function importCompiled<Module>(modulePath: string): Promise<Module> {
  return (await import(pathToFileURL(join(DIST, `${modulePath}.js`)).href)) as Module;
}
