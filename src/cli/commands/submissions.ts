import { Option, type Command } from 'commander';
import { UnitTree } from '../../domain/digest/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { CliContext } from '../cli-context.ts';
import { periodOption } from '../option-checks.ts';
import { reportDeps } from './report-reads.ts';
import { registerImportCommand } from './submissions-import.ts';
import { registerReviewCommand } from './submissions-review.ts';

/** `submissions list [--form <id>] [--period <key>] [--json]`: stored reports with status and time. */
export function registerSubmissionsCommands(program: Command, ctx: CliContext): void {
  const submissions = program.command('submissions').description(ctx.t('cli_help.submissions'));
  submissions
    .command('list')
    .description(ctx.t('cli_help.submissions_list'))
    .option('--form <form_id>', ctx.t('cli_help.only_form'))
    .option('--period <key>', ctx.t('cli_help.only_period'))
    .addOption(new Option('--status <state>', ctx.t('cli_help.only_review_state')).choices(['new', 'accepted', 'returned']))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { form?: string; period?: string; status?: string; json?: boolean }) => {
      const deps = await reportDeps(ctx);
      const form = options.form === undefined ? undefined : deps.forms().find((f) => f.id === options.form);
      if (options.form !== undefined && !form) throw ctx.error('cli.form_not_found', { form: options.form });
      if (options.period !== undefined) periodOption('--period', options.period, form, deps.timeZone);
      const tree = new UnitTree(await deps.source.units());
      const stored = await deps.source.list({ formId: options.form, periodKey: options.period });
      const rows = stored.filter((row) => !options.status || row.reviewState === options.status).map((row) => {
        const unit = tree.get(row.unitId);
        return {
          id: row.id,
          review_state: row.reviewState,
          form_id: row.formId,
          period: row.periodKey,
          unit_code: unit?.code ?? String(row.unitId),
          unit_name: unit?.name ?? '',
          status: row.late ? ('late' as const) : ('on_time' as const),
          submitted_at: row.submittedAt.toISOString(),
          first_submitted_at: row.firstSubmittedAt.toISOString(),
          revision: row.revision,
          form_version: row.formVersion,
          imported: row.imported ?? false,
          answers: row.answers,
        };
      });
      if (options.json) return ctx.json(rows);
      if (rows.length === 0) return ctx.say('exports.submissions_none');
      const tz = deps.timeZone;
      for (const row of rows) {
        ctx.say('exports.submissions_line', {
          form: row.form_id,
          period: row.period,
          unit: `${row.unit_code} ${row.unit_name}`,
          status: ctx.t(`exports.status_${row.status}`),
          at: formatDateTime(ctx.locale, new Date(row.submitted_at), tz),
          revision: row.revision,
        });
      }
      ctx.say('exports.submissions_count', { count: rows.length });
    });
  registerReviewCommand(submissions, ctx);
  registerImportCommand(submissions, ctx);
}
