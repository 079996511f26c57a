import { processIo } from './cli-io.ts';
import { runCommandLine } from './run-command-line.ts';

/** The process entry of the admin command line (`npm run cli -- <group> <command>`). */
process.exitCode = await runCommandLine(process.argv.slice(2), processIo());
