import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { indicatorSummaries } from '../../app/digest/digest-builder.ts';
import { scopeName } from '../../app/digest/digest-reply.ts';
import { scopeRoots, type IndicatorSummary } from '../../domain/digest/index.ts';
import { pickText } from '../../domain/index.ts';
import { formatDate, formatNumber, formatPercent } from '../../i18n/format.ts';
import { acceptedOnly } from '../../app/review/accepted-only-source.ts';
import { ReviewRepository } from '../../storage/repositories/review-repository.ts';
import type { CliContext } from '../cli-context.ts';
import { operatorScope, reportDeps } from './report-reads.ts';

/** Reads 2026-11-27 or 27/11/2026 as the end of that local day; null when it is no date. */
export function parseAtDate(text: string, timeZone: string): Date | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const parts = iso ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) } : vn ? { year: Number(vn[3]), month: Number(vn[2]), day: Number(vn[1]) } : null;
  if (!parts) return null;
  const local = DateTime.fromObject(parts, { zone: timeZone });
  return local.isValid ? local.endOf('day').toJSDate() : null;
}

/** An indicator summary as `indicators --json` prints it. */
export function indicatorJson(summary: IndicatorSummary) {
  const { latest } = summary;
  return {
    id: summary.def.id,
    label: summary.def.label,
    year: latest.year,
    through: summary.through,
    numerator: latest.numerator,
    denominator: latest.denominator,
    value: latest.value,
    target: latest.target,
    comparator: latest.comparator,
    status: latest.status,
    pace: latest.pace,
    change: summary.change,
    units_counted: latest.unitsCounted.length,
    units_excluded: latest.unitsExcluded.length,
    below_target: summary.belowTarget.map((row) => ({ unit_code: row.unitCode, numerator: row.numerator, denominator: row.denominator, value: row.value })),
  };
}

/** `indicators [--scope <code>] [--at <date>] [--json]`: each indicator as the digest computes it. */
export function registerIndicatorsCommand(program: Command, ctx: CliContext): void {
  program
    .command('indicators')
    .description(ctx.t('cli_help.indicators'))
    .option('--scope <code>', ctx.t('cli_help.indicators_scope'))
    .option('--at <date>', ctx.t('cli_help.indicators_at'))
    .option('--accepted-only', ctx.t('cli_help.accepted_only'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { scope?: string; at?: string; acceptedOnly?: boolean; json?: boolean }) => {
      const all = await reportDeps(ctx);
      const deps = options.acceptedOnly
        ? { ...all, source: acceptedOnly(all.source, await new ReviewRepository(await ctx.getPrisma()).list({ unitIds: null, states: ['new', 'returned'] })) }
        : all;
      const tz = deps.timeZone;
      const at = options.at ? parseAtDate(options.at, tz) : new Date();
      if (!at) throw ctx.error('exports.invalid_date', { date: options.at ?? '' });
      const scope = await operatorScope(ctx, deps, options.scope);
      const summaries = await indicatorSummaries(deps, scope, at);
      if (options.json) return ctx.json(summaries.map(indicatorJson));
      const locale = ctx.locale;
      ctx.say('exports.indicators_title', { scope: scopeName({ roots: scopeRoots(scope.tree, scope.units) }), date: formatDate(locale, at, tz) });
      for (const s of summaries) {
        const pace = s.latest.pace
          ? ctx.t('exports.indicators_pace', {
              actual: formatNumber(locale, s.latest.numerator),
              expected: formatNumber(locale, s.latest.pace.expectedByNow, 1),
              ratio: s.latest.pace.ratioOfExpected === null ? '—' : formatPercent(locale, s.latest.pace.ratioOfExpected, 0),
            })
          : '';
        ctx.say('exports.indicators_line', {
          id: `${s.def.id} (${pickText(s.def.label, locale)})`,
          value: s.latest.value === null ? '—' : formatPercent(locale, s.latest.value),
          numerator: formatNumber(locale, s.latest.numerator),
          denominator: formatNumber(locale, s.latest.denominator),
          year: s.latest.year,
          comparator: s.def.comparator,
          target: formatPercent(locale, s.def.target),
          status: ctx.t(`exports.indicator_${s.latest.status}`),
          pace,
        });
      }
    });
}
