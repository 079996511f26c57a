import type { ChannelName, DialogStore, InboundRef } from '../../app/ports.ts';
import { DIALOG_STATE_VERSION, loadDialogState, saveDialogState, type DialogState } from '../../dialog/dialog-state.ts';
import type { DialogEffect } from '../../dialog/replies.ts';
import type { PrismaClient } from '../database.ts';
import { writeSubmission } from './submission-writer.ts';

/**
 * Dialog state per contact. A step's state, its effects (a submission, a language change) and the
 * "handled" mark of the update that caused it are written in one transaction: after a crash either
 * all of it happened or none, and a replayed update can never be applied twice.
 */
export class DialogRepository implements DialogStore {
  constructor(private readonly prisma: PrismaClient) {}

  async load(contactId: number): Promise<DialogState> {
    const row = await this.prisma.dialogState.findUnique({ where: { contactId } });
    return row && row.stateVersion === DIALOG_STATE_VERSION ? loadDialogState(row.state) : loadDialogState(null);
  }

  async commit(
    contactId: number,
    state: DialogState,
    effects: DialogEffect[],
    meta: { now: Date; channel: ChannelName; inbound: InboundRef | null },
  ): Promise<void> {
    const json = saveDialogState(state);
    await this.prisma.$transaction(async (tx) => {
      await tx.dialogState.upsert({
        where: { contactId },
        create: { contactId, stateVersion: DIALOG_STATE_VERSION, state: json },
        update: { stateVersion: DIALOG_STATE_VERSION, state: json },
      });
      for (const effect of effects) {
        if (effect.kind === 'submit') await writeSubmission(tx, effect, { contactId, channel: meta.channel, now: meta.now });
        if (effect.kind === 'set_locale') await tx.contact.update({ where: { id: contactId }, data: { locale: effect.locale } });
      }
      if (meta.inbound) {
        await tx.inboundUpdate.updateMany({
          where: { channel: meta.inbound.channel, updateKey: meta.inbound.updateKey },
          data: { status: 'done', processedAt: meta.now },
        });
      }
    });
  }
}
