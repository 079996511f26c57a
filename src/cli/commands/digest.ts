import { Option, type Command } from 'commander';
import { DateTime } from 'luxon';
import { buildDigest } from '../../app/digest/digest-builder.ts';
import { digestReply } from '../../app/digest/digest-reply.ts';
import { replyText } from '../../app/digest/message-text.ts';
import type { Locale } from '../../domain/index.ts';
import type { CliContext } from '../cli-context.ts';
import { digestJson } from './digest-json.ts';
import { parseAtDate } from './indicators.ts';
import { operatorScope, reportDeps } from './report-reads.ts';

/** `--at` of `digest preview`: a local time (2026-12-03T10:00) as given, or a date as the end of that day. */
export function parseDigestInstant(text: string, timeZone: string): Date | null {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text.trim())) {
    const local = DateTime.fromISO(text.trim(), { zone: timeZone });
    return local.isValid ? local.toJSDate() : null;
  }
  return parseAtDate(text, timeZone);
}

/** `digest preview`. */
export function registerDigestCommands(program: Command, ctx: CliContext): void {
  const digest = program.command('digest').description(ctx.t('cli_help.digest'));
  digest
    .command('preview')
    .description(ctx.t('cli_help.digest_preview'))
    .option('--scope <code>', ctx.t('cli_help.unit_code'))
    .addOption(new Option('--locale <locale>', ctx.t('cli_help.language')).choices(['vi', 'en']))
    .option('--at <time>', ctx.t('cli_help.digest_at'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (options: { scope?: string; locale?: Locale; at?: string; json?: boolean }) => {
      const deps = await reportDeps(ctx);
      const at = options.at ? parseDigestInstant(options.at, deps.timeZone) : new Date();
      if (!at) throw ctx.error('exports.invalid_date', { date: options.at ?? '' });
      const scope = await operatorScope(ctx, deps, options.scope);
      const locale = options.locale ?? ctx.locale;
      const data = await buildDigest(deps, scope, at);
      if (options.json) return ctx.json(digestJson(data));
      ctx.out(`${replyText(locale, digestReply(data, locale))}\n`);
    });
}
