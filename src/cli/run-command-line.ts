import { CliContext } from './cli-context.ts';
import type { CliIo } from './cli-io.ts';
import { buildProgram } from './program.ts';
import { usageErrorText } from './usage-errors.ts';

/**
 * Runs the command line once, to the end, on the given io, and answers its exit code. It never touches
 * the process (no exit code, environment or standard streams of its own), so the process entry and the
 * tests run exactly the same thing. The database it opened is closed before it answers.
 */
export async function runCommandLine(args: readonly string[], io: CliIo): Promise<number> {
  const ctx = new CliContext(io);
  let exitCode = 0;
  try {
    await buildProgram(ctx).parseAsync([...args], { from: 'user' });
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('commander.')) {
      // Help and version: commander has printed them. Usage errors: named here, in the operator's language.
      const usage = usageErrorText(error as { code?: string; message?: string }, (key, params) => ctx.t(key, params));
      if (usage) ctx.err(`${usage}\n`);
      exitCode = code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : 1;
    } else {
      ctx.fail(error);
    }
  } finally {
    try {
      await ctx.close();
    } catch (error) {
      ctx.fail(error);
    }
  }
  return Math.max(exitCode, ctx.exitCode);
}
