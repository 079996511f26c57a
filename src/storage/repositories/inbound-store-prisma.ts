import type { DirectoryEntry, InboundStore, SeenUpdate, StepSnapshot, UpdateKey, UpdateWrites } from '../../app/inbound/inbound-store.ts';
import type { ChannelName, SubmissionSummary } from '../../app/ports.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { PrismaClient } from '../database.ts';
import { isUniqueViolation } from '../prisma-errors.ts';
import { toContactRecord } from './contact-repository.ts';
import { reopenedForUnits } from './reopening-repository.ts';
import { SubmissionRepository } from './submission-repository.ts';
import { writeSubmission } from './submission-writer.ts';

const CONTACT_INCLUDE = { roles: { include: { unit: true } } } as const;

/** The cache version of one unit's reports is named `submissions:<unit id>` (raised by a trigger). */
export const UNIT_REPORTS_PREFIX = 'submissions:';

/**
 * The inbound pipeline's storage through Prisma: PostgreSQL (any number of workers), and on SQLite
 * the reports' rare writes and the directory's reloads. One update's writes are one transaction.
 */
export class PrismaInboundStore implements InboundStore {
  private readonly submissionReader: SubmissionRepository;

  constructor(protected readonly prisma: PrismaClient) {
    this.submissionReader = new SubmissionRepository(prisma);
  }

  async snapshot(key: UpdateKey, account: { userId: string }): Promise<StepSnapshot> {
    const [seen, identity] = await Promise.all([
      this.prisma.inboundUpdate.findUnique({ where: { channel_botKey_updateKey: key }, select: { fingerprint: true, status: true } }),
      this.prisma.channelIdentity.findUnique({
        where: { channel_userId: { channel: key.channel, userId: account.userId } },
        select: { contact: { select: { dialog: { select: { stateVersion: true, state: true } }, roles: { where: { role: 'reporter' }, select: { unitId: true } }, reviewPrompt: { select: { stage: true } } } } },
      }),
    ]);
    const unitIds = [...new Set(identity?.contact.roles.map((role) => role.unitId) ?? [])];
    const versions = await this.prisma.cacheVersion.findMany({ where: { name: { in: ['directory', ...unitIds.map((unitId) => `${UNIT_REPORTS_PREFIX}${unitId}`)] } } });
    const version = (name: string) => versions.find((row) => row.name === name)?.value ?? 0;
    const dialog = identity?.contact.dialog;
    return {
      seen: seen ? { fingerprint: seen.fingerprint, status: seen.status as SeenUpdate['status'] } : null,
      directoryVersion: version('directory'),
      reportVersions: new Map(unitIds.map((unitId) => [unitId, version(`${UNIT_REPORTS_PREFIX}${unitId}`)])),
      dialog: dialog ? { version: dialog.stateVersion, state: dialog.state } : null,
      followUp: Boolean(identity?.contact.reviewPrompt),
    };
  }

  async commit(writes: UpdateWrites): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { update, now } = writes;
      const key = { channel: update.channel, botKey: update.botKey, updateKey: update.updateKey };
      const known = await tx.inboundUpdate.findUnique({ where: { channel_botKey_updateKey: key }, select: { fingerprint: true, status: true } });
      // Another delivery of the same update was handled meanwhile: nothing of this one is written.
      if (known && known.status !== 'pending' && known.fingerprint === update.fingerprint) return false;
      const record = { fingerprint: update.fingerprint, status: update.status, payload: null, processedAt: now };
      await tx.inboundUpdate.upsert({ where: { channel_botKey_updateKey: key }, create: { ...key, ...record, receivedAt: now }, update: record });
      await applyWrites(tx, writes);
      return true;
    });
  }

  async storePending(key: UpdateKey, fingerprint: string, payload: string, now: Date): Promise<boolean> {
    const known = await this.prisma.inboundUpdate.findUnique({ where: { channel_botKey_updateKey: key }, select: { id: true } });
    if (known) return false;
    try {
      await this.prisma.inboundUpdate.create({ data: { ...key, fingerprint, payload, status: 'pending', receivedAt: now } });
      return true;
    } catch (error) {
      // Two deliveries of one update racing: the other one stored it.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async pending(channel: ChannelName, botKey: string, limit: number): Promise<Array<UpdateKey & { fingerprint: string; payload: string }>> {
    const rows = await this.prisma.inboundUpdate.findMany({
      where: { channel, botKey, status: 'pending' },
      orderBy: { id: 'asc' },
      take: limit,
      select: { updateKey: true, fingerprint: true, payload: true },
    });
    return rows.map((row) => ({ channel, botKey, updateKey: row.updateKey, fingerprint: row.fingerprint, payload: row.payload ?? '' }));
  }

  async findContact(channel: ChannelName, userId: string): Promise<DirectoryEntry | null> {
    const identity = await this.prisma.channelIdentity.findUnique({
      where: { channel_userId: { channel, userId } },
      include: { contact: { include: CONTACT_INCLUDE } },
    });
    if (!identity || !identity.contact.active) return null;
    const reporting = identity.contact.roles.filter((role) => role.role === 'reporter').map((role) => role.unitId);
    return {
      reopened: await reopenedForUnits(this.prisma, reporting),
      contact: toContactRecord(identity.contact),
      identityId: identity.id,
      chatId: identity.chatId,
      lastSeenAt: identity.lastSeenAt,
      unreachable: identity.unreachableAt !== null,
      lastChannel: identity.contact.lastChannel,
    };
  }

  findReturned(unitIds: readonly number[]): Promise<SubmissionSummary[]> {
    return this.submissionReader.returned(unitIds);
  }

  findSubmissions(keys: Array<{ unitId: number; formId: string; periodKey: string }>): Promise<SubmissionSummary[]> {
    return this.submissionReader.find(keys);
  }

  async forgetUpdatesBefore(before: Date): Promise<number> {
    const { count } = await this.prisma.inboundUpdate.deleteMany({ where: { receivedAt: { lt: before }, status: { not: 'pending' } } });
    return count;
  }
}

/** What an update changes besides its own record, inside the caller's transaction. */
async function applyWrites(tx: Prisma.TransactionClient, writes: UpdateWrites): Promise<void> {
  const { dialog, submissions = [], locale, presence, now } = writes;
  if (dialog) {
    const row = { stateVersion: dialog.version, state: dialog.state };
    await tx.dialogState.upsert({ where: { contactId: dialog.contactId }, create: { contactId: dialog.contactId, ...row }, update: row });
  }
  for (const submission of submissions) await writeSubmission(tx, submission, now);
  if (locale) await tx.contact.update({ where: { id: locale.contactId }, data: { locale: locale.locale } });
  if (presence) {
    const reachable = presence.clearUnreachable ? { unreachableAt: null, unreachableReason: null } : {};
    await tx.channelIdentity.update({ where: { id: presence.identityId }, data: { chatId: presence.chatId, lastSeenAt: presence.lastSeenAt, ...reachable } });
    if (presence.lastChannel) await tx.contact.update({ where: { id: presence.contactId }, data: { lastChannel: presence.lastChannel } });
  }
}
