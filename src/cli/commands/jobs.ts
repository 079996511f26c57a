import type { Command } from 'commander';
import { readFormFolder } from '../../storage/form-files.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { plannedWaves } from '../../scheduler/wave-planner.ts';
import { plannerSettings } from '../../scheduler/planner-settings.ts';
import { JobRunRepository } from '../../storage/repositories/job-run-repository.ts';
import type { CliContext } from '../cli-context.ts';

/** How far ahead `jobs list` looks for the next run (a yearly form's next opening). */
const HORIZON_MS = 400 * 86_400_000;
const FORM_JOBS = ['open', 'reminder', 'escalation'] as const;

/** One line of `jobs list`. */
interface JobLine {
  job: string;
  formId: string | null;
  last: { key: string; status: string; scheduledFor: string } | null;
  next: { key: string; sendAt: string } | null;
}

/** `jobs list`: the last and the next run of each scheduled job (per form: open, reminders, escalation; the digest). */
export function registerJobsCommands(program: Command, ctx: CliContext): void {
  const jobs = program.command('jobs').description(ctx.t('cli_help.jobs'));
  jobs
    .command('list')
    .description(ctx.t('cli_help.jobs_list'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { json?: boolean }) => {
      const config = ctx.getConfig();
      const forms = readFormFolder().map((file) => file.form);
      const last = await new JobRunRepository(await ctx.getPrisma()).lastRuns();
      const now = new Date();
      const upcoming = plannedWaves(forms, now, new Date(now.getTime() + HORIZON_MS), plannerSettings(config));
      const pairs: Array<[string, string | null]> = [...forms.flatMap((form) => FORM_JOBS.map((job): [string, string | null] => [job, form.id])), ['digest', null]];
      const lines: JobLine[] = pairs.map(([job, formId]) => {
        const previous = last.find((run) => run.job === job && run.formId === formId);
        const next = upcoming.find((wave) => wave.job === job && wave.formId === formId);
        return {
          job,
          formId,
          last: previous ? { key: previous.key, status: previous.status, scheduledFor: previous.scheduledFor.toISOString() } : null,
          next: next ? { key: next.key, sendAt: next.sendAt.toISOString() } : null,
        };
      });
      if (options.json) return ctx.json(lines);
      const at = (iso: string) => formatDateTime(ctx.locale, new Date(iso), config.BOT_TIMEZONE);
      for (const line of lines) {
        ctx.say('jobs.list_line', {
          job: ctx.t(`jobs.job_${line.job}`),
          form: line.formId ?? '—',
          last: line.last ? ctx.t('jobs.last_run', { at: at(line.last.scheduledFor), status: ctx.t(`jobs.status_${line.last.status}`) }) : ctx.t('jobs.never'),
          next: line.next ? at(line.next.sendAt) : ctx.t('jobs.not_planned'),
        });
      }
    });
}
