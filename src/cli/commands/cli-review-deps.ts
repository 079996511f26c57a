import type { Form } from '../../domain/index.ts';
import type { ReviewDeps } from '../../app/review/review-service.ts';
import { ReviewRepository } from '../../storage/repositories/review-repository.ts';
import type { CliContext } from '../cli-context.ts';
import { reportDeps } from './report-reads.ts';

/** The review use cases' dependencies for the command line (the shipped forms, every unit). */
export async function cliReviewDeps(ctx: CliContext): Promise<ReviewDeps & { forms: ReviewDeps['forms'] & { current(): Form[] } }> {
  const deps = await reportDeps(ctx);
  const forms = deps.forms();
  return {
    store: new ReviewRepository(await ctx.getPrisma()),
    source: deps.source,
    forms: {
      current: () => [...forms],
      // Past versions are not shipped as files: a report on an older version is shown with the current one.
      version: (formId: string, version: number) => forms.find((f) => f.id === formId && f.version === version) ?? forms.find((f) => f.id === formId),
    },
    timeZone: deps.timeZone,
  };
}
