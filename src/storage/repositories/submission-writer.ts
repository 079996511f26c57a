import type { Prisma } from '../../generated/prisma/client.ts';
import type { DialogEffect } from '../../dialog/replies.ts';

type SubmitEffect = Extract<DialogEffect, { kind: 'submit' }>;

/**
 * Stores a submission inside the caller's transaction. The first one creates the submission and
 * revision 1; each amendment adds the next revision and points the submission at it. Revisions are
 * never updated or deleted, so every earlier version stays. The submission stays "late" only if its
 * first version was; each revision records its own lateness.
 */
export async function writeSubmission(
  tx: Prisma.TransactionClient,
  effect: SubmitEffect,
  meta: { contactId: number | null; channel: string; now: Date },
): Promise<{ submissionId: number; revision: number }> {
  const answers = JSON.stringify(effect.answers);
  const key = { unitId: effect.unitId, formId: effect.formId, periodKey: effect.periodKey };
  const existing = await tx.submission.findUnique({ where: { unitId_formId_periodKey: key } });
  const revision = existing ? existing.currentRevision + 1 : 1;
  const submission = existing
    ? await tx.submission.update({
        where: { id: existing.id },
        data: { currentRevision: revision, formVersion: effect.formVersion, answers, submittedAt: meta.now },
      })
    : await tx.submission.create({
        data: {
          ...key,
          currentRevision: 1,
          formVersion: effect.formVersion,
          answers,
          firstSubmittedAt: meta.now,
          submittedAt: meta.now,
          late: effect.late,
        },
      });
  await tx.submissionRevision.create({
    data: {
      submissionId: submission.id,
      revision,
      formVersion: effect.formVersion,
      answers,
      submittedAt: meta.now,
      late: effect.late,
      contactId: meta.contactId,
      channel: meta.channel,
    },
  });
  return { submissionId: submission.id, revision };
}
