import type { NotificationTarget } from '../../app/notification-ports.ts';
import type { ReviewDecision, ReviewFilter, ReviewItem, ReviewPromptRecord, ReviewStore } from '../../app/review/review-ports.ts';
import type { OutboxDraft } from '../../app/outbox-ports.ts';
import { toReviewState } from '../../domain/review/review-state.ts';
import type { PrismaClient } from '../database.ts';
import { writeAudit } from './audit-repository.ts';
import { writeOutboxDrafts } from './outbox-repository.ts';
import { chooseAddress } from './recipient-repository.ts';
import { parseStoredAnswers } from './stored-answers.ts';

const CONTACT_SELECT = {
  id: true,
  name: true,
  locale: true,
  awayUntil: true,
  lastChannel: true,
  identities: { select: { channel: true, chatId: true, unreachableAt: true } },
} as const;

type ContactRow = { id: number; name: string; locale: string; awayUntil: Date | null; lastChannel: string | null; identities: Array<{ channel: string; chatId: string; unreachableAt: Date | null }> };

function toTarget(contact: ContactRow): NotificationTarget {
  return { contactId: contact.id, name: contact.name, locale: contact.locale === 'en' ? 'en' : 'vi', awayUntil: contact.awayUntil, address: chooseAddress(contact) };
}

/** The review loop's storage: reports with their previous revision, conditional decisions, chat prompts. */
export class ReviewRepository implements ReviewStore {
  constructor(private readonly prisma: PrismaClient) {}

  async list(filter: ReviewFilter): Promise<ReviewItem[]> {
    if (filter.unitIds?.length === 0) return [];
    const rows = await this.prisma.submission.findMany({
      where: {
        ...(filter.unitIds ? { unitId: { in: [...filter.unitIds] } } : {}),
        ...(filter.states ? { reviewState: { in: [...filter.states] } } : {}),
        ...(filter.formId ? { formId: filter.formId } : {}),
        ...(filter.periodKey ? { periodKey: filter.periodKey } : {}),
      },
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
      include: { unit: { select: { code: true, name: true } } },
    });
    return rows.map((row) => this.toItem(row, null));
  }

  async get(submissionId: number): Promise<ReviewItem | null> {
    const row = await this.prisma.submission.findUnique({ where: { id: submissionId }, include: { unit: { select: { code: true, name: true } } } });
    if (!row) return null;
    const previous = row.currentRevision > 1
      ? await this.prisma.submissionRevision.findUnique({ where: { submissionId_revision: { submissionId, revision: row.currentRevision - 1 } }, select: { answers: true, formVersion: true } })
      : null;
    return this.toItem(row, previous ? { answers: parseStoredAnswers(previous.answers), formVersion: previous.formVersion } : null);
  }

  async decide(decision: ReviewDecision): Promise<'done' | 'changed'> {
    return this.prisma.$transaction(async (tx) => {
      const changed = await tx.submission.updateMany({
        where: { id: decision.submissionId, currentRevision: decision.revision, reviewState: 'new' },
        data: { reviewState: decision.state, reviewReason: decision.reason, reviewedAt: decision.now, reviewedBy: decision.actor },
      });
      if (changed.count !== 1) return 'changed' as const;
      await writeAudit(
        tx,
        [{ actor: decision.actor, action: decision.state === 'accepted' ? 'submission.accept' : 'submission.return', entity: 'submission', entityId: decision.submissionId, detail: { revision: decision.revision, reason: decision.reason } }],
        decision.now,
      );
      await writeOutboxDrafts(tx, decision.notices, decision.now);
      return 'done' as const;
    });
  }

  async reporters(unitId: number): Promise<NotificationTarget[]> {
    const roles = await this.prisma.role.findMany({
      where: { unitId, role: 'reporter', contact: { active: true } },
      orderBy: { contactId: 'asc' },
      select: { contact: { select: CONTACT_SELECT } },
    });
    return roles.map((role) => toTarget(role.contact));
  }

  async target(contactId: number): Promise<NotificationTarget | null> {
    const contact = await this.prisma.contact.findFirst({ where: { id: contactId, active: true }, select: CONTACT_SELECT });
    return contact ? toTarget(contact) : null;
  }

  async prompt(contactId: number): Promise<ReviewPromptRecord | null> {
    const row = await this.prisma.reviewPrompt.findUnique({ where: { contactId } });
    return row ? { contactId, submissionId: row.submissionId, revision: row.revision, stage: row.stage === 'reason' ? 'reason' : 'decide' } : null;
  }

  async setPrompt(prompt: ReviewPromptRecord): Promise<void> {
    const data = { submissionId: prompt.submissionId, revision: prompt.revision, stage: prompt.stage };
    await this.prisma.reviewPrompt.upsert({ where: { contactId: prompt.contactId }, create: { contactId: prompt.contactId, ...data }, update: data });
  }

  async clearPrompt(contactId: number): Promise<void> {
    await this.prisma.reviewPrompt.deleteMany({ where: { contactId } });
  }

  async notify(notices: OutboxDraft[], audit: { actor: string; action: string; entityId: number; detail: unknown }, now: Date): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      // The same notice decided twice (a retried step) is written once.
      const known = await tx.outboxMessage.findMany({ where: { idempotencyKey: { in: notices.map((n) => n.idempotencyKey) } }, select: { idempotencyKey: true } });
      const fresh = notices.filter((n) => !known.some((k) => k.idempotencyKey === n.idempotencyKey));
      if (notices.length > 0 && fresh.length === 0) return;
      await writeOutboxDrafts(tx, fresh, now);
      await writeAudit(tx, [{ actor: audit.actor, action: audit.action, entity: 'submission', entityId: audit.entityId, detail: audit.detail }], now);
    });
  }

  private toItem(
    row: { id: number; unitId: number; formId: string; formVersion: number; periodKey: string; currentRevision: number; answers: string; submittedAt: Date; late: boolean; reviewState: string; reviewReason: string | null; reviewedAt: Date | null; reviewedBy: string | null; importedBy: string | null; unit: { code: string; name: string } },
    previous: ReviewItem['previous'],
  ): ReviewItem {
    return {
      id: row.id,
      unitId: row.unitId,
      unitCode: row.unit.code,
      unitName: row.unit.name,
      formId: row.formId,
      formVersion: row.formVersion,
      periodKey: row.periodKey,
      revision: row.currentRevision,
      answers: parseStoredAnswers(row.answers),
      previous,
      submittedAt: row.submittedAt,
      late: row.late,
      state: toReviewState(row.reviewState),
      reason: row.reviewReason,
      reviewedAt: row.reviewedAt,
      reviewedBy: row.reviewedBy,
      importedBy: row.importedBy,
    };
  }
}
