import { Command } from 'commander';
import { CliContext } from './cli-context.ts';
import { isUsageErrorText, usageErrorText } from './usage-errors.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerFormsCommands } from './commands/forms.ts';
import { registerInviteCommands } from './commands/invite.ts';
import { registerSeedCommands } from './commands/seed.ts';
import { registerDigestCommands } from './commands/digest.ts';
import { registerPeriodsCommands } from './commands/periods.ts';
import { registerOutboxCommands } from './commands/outbox.ts';
import { registerRemindersCommands } from './commands/reminders.ts';
import { registerJobsCommands } from './commands/jobs.ts';
import { registerUnitsCommands } from './commands/units.ts';
import { registerContactsCommands } from './commands/contacts.ts';
import { registerReportCommands } from './commands/report.ts';
import { registerDashboardCommands } from './commands/dashboard.ts';

/** The admin command line: `npm run cli -- <group> <command>`. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('cli')
    .description(ctx.t('cli_help.program'))
    .exitOverride()
    // Usage errors are printed by main() in the operator's language; every subcommand inherits this.
    .configureOutput({ outputError: (text, write) => (isUsageErrorText(text) ? undefined : write(text)) });
  registerDbCommands(program, ctx);
  registerSeedCommands(program, ctx);
  registerFormsCommands(program, ctx);
  registerInviteCommands(program, ctx);
  registerDigestCommands(program, ctx);
  registerPeriodsCommands(program, ctx);
  registerUnitsCommands(program, ctx);
  registerContactsCommands(program, ctx);
  registerOutboxCommands(program, ctx);
  registerRemindersCommands(program, ctx);
  registerJobsCommands(program, ctx);
  registerReportCommands(program, ctx);
  registerDashboardCommands(program, ctx);
  return program;
}

async function main(): Promise<void> {
  const ctx = new CliContext();
  try {
    await buildProgram(ctx).parseAsync(process.argv);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('commander.')) {
      // Help and version: commander has printed them. Usage errors: named here, in the operator's language.
      const usage = usageErrorText(error as { code?: string; message?: string }, (key, params) => ctx.t(key, params));
      if (usage) process.stderr.write(`${usage}\n`);
      process.exitCode = code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : 1;
    } else {
      ctx.fail(error);
    }
  } finally {
    await ctx.close();
  }
}

await main();
