import { Command } from 'commander';
import type { CliContext } from './cli-context.ts';
import { isUsageErrorText } from './usage-errors.ts';
import { registerDbCommands } from './commands/db.ts';
import { registerFormsCommands } from './commands/forms.ts';
import { registerInviteCommands } from './commands/invite.ts';
import { registerSeedCommands } from './commands/seed.ts';
import { registerDigestCommands } from './commands/digest.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerIndicatorsCommand } from './commands/indicators.ts';
import { registerSubmissionsCommands } from './commands/submissions.ts';
import { registerPeriodsCommands } from './commands/periods.ts';
import { registerOutboxCommands } from './commands/outbox.ts';
import { registerRemindersCommands } from './commands/reminders.ts';
import { registerJobsCommands } from './commands/jobs.ts';
import { registerUnitsCommands } from './commands/units.ts';
import { registerContactsCommands } from './commands/contacts.ts';
import { registerReportCommands } from './commands/report.ts';
import { registerDashboardCommands } from './commands/dashboard.ts';

/** The admin command line: `npm run cli -- <group> <command>`. Help and errors go to the context's io. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('cli')
    .description(ctx.t('cli_help.program'))
    .exitOverride()
    // Every subcommand inherits this (it is set before they are added).
    .configureOutput({
      writeOut: (text) => ctx.out(text),
      writeErr: (text) => ctx.err(text),
      // Usage errors are printed by runCommandLine in the operator's language.
      outputError: (text, write) => (isUsageErrorText(text) ? undefined : write(text)),
      getOutHelpWidth: () => ctx.io.helpWidth ?? 80,
      getErrHelpWidth: () => ctx.io.helpWidth ?? 80,
      // The help has no colours of its own; this keeps commander from looking at the process's terminal.
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
  registerDbCommands(program, ctx);
  registerSeedCommands(program, ctx);
  registerFormsCommands(program, ctx);
  registerInviteCommands(program, ctx);
  registerDigestCommands(program, ctx);
  registerExportCommand(program, ctx);
  registerSubmissionsCommands(program, ctx);
  registerIndicatorsCommand(program, ctx);
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
