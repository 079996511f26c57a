import type { Command } from 'commander';
import { nextPeriodKey, openPeriods, periodKeyAt, periodWindow, previousPeriodKey, type Form } from '../../domain/index.ts';
import { parseUntilDate, reopenPeriod } from '../../app/review/reopen-service.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { ReopeningRepository } from '../../storage/repositories/reopening-repository.ts';
import type { CliContext } from '../cli-context.ts';
import { cliReviewDeps } from './cli-review-deps.ts';

/** How many past periods `periods list` shows. */
const LISTED_PERIODS = 12;

/**
 * `periods reopen --form F --period P --unit U [--until <date>] [--json]` (late entry for one unit) and
 * `periods list --form F [--json]` (the form's recent periods: open, closed, and reopened for whom).
 */
export function registerPeriodsCommands(program: Command, ctx: CliContext): void {
  const periods = program.command('periods').description(ctx.t('cli_help.periods'));
  periods
    .command('reopen')
    .description(ctx.t('cli_help.periods_reopen'))
    .requiredOption('--form <form_id>', ctx.t('cli_help.only_form'))
    .requiredOption('--period <key>', ctx.t('cli_help.only_period'))
    .requiredOption('--unit <code>', ctx.t('cli_help.unit_code'))
    .option('--until <date>', ctx.t('cli_help.reopen_until'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { form: string; period: string; unit: string; until?: string; json?: boolean }) => {
      const deps = await cliReviewDeps(ctx);
      const until = options.until === undefined ? undefined : parseUntilDate(options.until, deps.timeZone);
      if (until === null) throw ctx.error('exports.invalid_date', { date: options.until ?? '' });
      const reopenings = new ReopeningRepository(await ctx.getPrisma());
      const result = await reopenPeriod({ ...deps, reopenings }, { actor: 'cli', roles: 'all' }, { unitCode: options.unit, periodKey: options.period, formId: options.form, until }, new Date());
      if (!result.ok) throw ctx.error(result.code, result.params);
      if (options.json) return ctx.json({ form_id: result.form.id, period: result.periodKey, unit_code: result.unit.code, until: result.until.toISOString(), reporters_told: result.told });
      ctx.say('reopen.done', { unit: `${result.unit.name} (${result.unit.code})`, form: result.form.id, period: result.periodKey, until: formatDateTime(ctx.locale, result.until, deps.timeZone), told: result.told });
    });
  periods
    .command('list')
    .description(ctx.t('cli_help.periods_list'))
    .requiredOption('--form <form_id>', ctx.t('cli_help.only_form'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { form: string; json?: boolean }) => {
      const deps = await cliReviewDeps(ctx);
      const form = deps.forms.current().find((f) => f.id === options.form);
      if (!form) throw ctx.error('reopen.unknown_form', { form: options.form });
      const now = new Date();
      const reopened = await new ReopeningRepository(await ctx.getPrisma()).list(form.id);
      const rows = recentPeriods(form, now, deps.timeZone).map((window) => {
        const open = openPeriods(form, now, deps.timeZone).some((w) => w.key === window.key);
        const units = reopened.filter((r) => r.periodKey === window.key && r.until.getTime() > now.getTime());
        return {
          period: window.key,
          state: open ? 'open' : units.length ? 'reopened' : 'closed',
          opens_at: window.opensAt.toISOString(),
          due_at: window.dueAt.toISOString(),
          closes_at: window.closesAt.toISOString(),
          reopened_for: units.map((r) => ({ unit_code: r.unitCode, until: r.until.toISOString(), by: r.createdBy })),
        };
      });
      if (options.json) return ctx.json(rows);
      for (const row of rows) {
        const extra = row.reopened_for.map((r) => `${r.unit_code} → ${formatDateTime(ctx.locale, new Date(r.until), deps.timeZone)}`).join(', ');
        ctx.out(`${row.period}\t${ctx.t(`cli.period_${row.state}`)}\t${formatDateTime(ctx.locale, new Date(row.closes_at), deps.timeZone)}${extra ? `\t${extra}` : ''}\n`);
      }
    });
}

/** The form's periods that have opened, newest first. */
function recentPeriods(form: Form, now: Date, timeZone: string) {
  let key = nextPeriodKey(periodKeyAt(form.period, now, timeZone));
  const windows = [];
  for (let guard = 0; windows.length < LISTED_PERIODS && guard < LISTED_PERIODS * 3; guard += 1) {
    const window = periodWindow(form, key, timeZone);
    if (window.opensAt.getTime() <= now.getTime()) windows.push(window);
    key = previousPeriodKey(key);
  }
  return windows;
}
