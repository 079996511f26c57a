import type { DialogEffect } from '../../dialog/replies.ts';
import type { ChannelName } from '../ports.ts';
import type { DirectoryEntry, UpdateWrites } from './inbound-store.ts';

/** A contact seen again after this long has their "last seen" written; more often is not worth a write. */
export const LAST_SEEN_GRANULARITY_MS = 60 * 60 * 1000;

/**
 * The engine's effects as storage writes: a submission becomes a new revision, a language change the
 * contact's locale. Applying effects is the app's job; storage only writes rows.
 */
export function effectWrites(effects: DialogEffect[], contactId: number, channel: ChannelName): Pick<UpdateWrites, 'submissions' | 'locale'> {
  const writes: Pick<UpdateWrites, 'submissions' | 'locale'> = {};
  for (const effect of effects) {
    if (effect.kind === 'submit') {
      const { unitId, formId, formVersion, periodKey, answers, late, replaces } = effect;
      (writes.submissions ??= []).push({ unitId, formId, formVersion, periodKey, answers, late, contactId, channel, replaces });
    } else if (effect.kind === 'set_locale') {
      writes.locale = { contactId, locale: effect.locale };
    }
  }
  return writes;
}

/**
 * What to remember of the sender's visit, only when it matters: another chat, another channel than the
 * one notifications go to, an account marked unreachable that writes again, or a long silence.
 */
export function presenceWrite(entry: DirectoryEntry, channel: ChannelName, chatId: string, now: Date): UpdateWrites['presence'] {
  const movedChannel = entry.lastChannel !== channel;
  const stale = now.getTime() - entry.lastSeenAt.getTime() >= LAST_SEEN_GRANULARITY_MS;
  if (!movedChannel && !stale && !entry.unreachable && entry.chatId === chatId) return undefined;
  return {
    identityId: entry.identityId,
    contactId: entry.contact.id,
    chatId,
    lastSeenAt: now,
    clearUnreachable: entry.unreachable,
    ...(movedChannel ? { lastChannel: channel } : {}),
  };
}
