import type { Command } from 'commander';
import { decideReview } from '../../app/review/review-service.ts';
import type { CliContext } from '../cli-context.ts';
import { cliReviewDeps } from './cli-review-deps.ts';

/**
 * `submissions review <id> --accept | --return "<reason>" [--json]`: the operator decides a new report
 * (any unit); a return tells the unit's reporters through the outbox. Written to the audit log as "cli".
 */
export function registerReviewCommand(submissions: Command, ctx: CliContext): void {
  submissions
    .command('review <id>')
    .description(ctx.t('cli_help.submissions_review'))
    .option('--accept', ctx.t('cli_help.review_accept'))
    .option('--return <reason>', ctx.t('cli_help.review_return'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action(async (id: string, options: { accept?: boolean; return?: string; json?: boolean }) => {
      if (!/^\d+$/.test(id)) throw ctx.error('review.not_found');
      if (Boolean(options.accept) === (options.return !== undefined)) throw ctx.error('cli.review_one_verdict');
      const deps = await cliReviewDeps(ctx);
      const verdict = options.accept ? ({ kind: 'accept' } as const) : ({ kind: 'return', reason: options.return ?? '' } as const);
      const result = await decideReview(deps, { actor: 'cli', roles: 'all' }, Number(id), verdict, new Date());
      if (!result.ok) throw ctx.error(result.code);
      const item = result.item;
      if (options.json) return ctx.json({ id: item.id, unit_code: item.unitCode, form_id: item.formId, period: item.periodKey, revision: item.revision, review_state: item.state, reason: item.reason });
      ctx.say(item.state === 'accepted' ? 'review.accepted' : 'review.returned', { id: item.id, unit: item.unitName });
    });
}
