import type { SubmissionWrite } from '../../app/inbound/inbound-store.ts';
import type { Prisma } from '../../generated/prisma/client.ts';

/**
 * Stores a submission inside the caller's transaction. The first one creates the submission and
 * revision 1; each amendment adds the next revision and points the submission at it. Revisions are
 * never updated or deleted, so every earlier version stays. The submission stays "late" only if its
 * first version was; each revision records its own lateness.
 */
export async function writeSubmission(tx: Prisma.TransactionClient, write: SubmissionWrite, now: Date): Promise<{ submissionId: number; revision: number }> {
  const answers = JSON.stringify(write.answers);
  const key = { unitId: write.unitId, formId: write.formId, periodKey: write.periodKey };
  const existing = await tx.submission.findUnique({ where: { unitId_formId_periodKey: key } });
  const revision = existing ? existing.currentRevision + 1 : 1;
  const submission = existing
    ? await tx.submission.update({
        where: { id: existing.id },
        // A new revision waits for review again, whatever the last one's verdict was.
        data: { currentRevision: revision, formVersion: write.formVersion, answers, submittedAt: now, reviewState: 'new', reviewReason: null },
      })
    : await tx.submission.create({
        data: { ...key, currentRevision: 1, formVersion: write.formVersion, answers, firstSubmittedAt: now, submittedAt: now, late: write.late },
      });
  await tx.submissionRevision.create({
    data: {
      submissionId: submission.id,
      revision,
      formVersion: write.formVersion,
      answers,
      submittedAt: now,
      late: write.late,
      contactId: write.contactId,
      channel: write.channel,
    },
  });
  return { submissionId: submission.id, revision };
}
