/**
 * The weekly digest as a scheduled wave: every supervisor's digest is written by the injected
 * composer and committed to the outbox with the wave's job run. Until the real composer is wired,
 * a placeholder says the digest is being prepared, so the job runs end to end.
 */
import { say } from '../dialog/replies.ts';
import type { DigestComposer } from './digest-composer.ts';
import type { Locale } from '../domain/index.ts';
import type { RecipientDirectory, WaveStore } from './notification-ports.ts';
import type { OutboxDraft } from './outbox-ports.ts';
import { draftFor, type DueWave, type WaveOutcome } from './reminder-wave.ts';

/** What the digest wave needs. */
export interface DigestWaveDeps {
  recipients: RecipientDirectory;
  store: WaveStore;
  composer: DigestComposer;
}

/** Writes every supervisor's digest for one DIGEST_SCHEDULE instant. */
export async function runDigestWave(deps: DigestWaveDeps, wave: DueWave, now: Date): Promise<WaveOutcome> {
  const drafts: OutboxDraft[] = [];
  let empty = 0;
  let unreachable = 0;
  const supervisors = await deps.recipients.supervisors();
  for (const target of supervisors) {
    if (!target.address) {
      unreachable += 1;
      continue;
    }
    const payload = await deps.composer(target.contactId, now);
    if (payload === null) empty += 1;
    else drafts.push(draftFor(wave.key, target, 'digest', payload));
  }
  const detail = { supervisors: supervisors.length, messages: drafts.length, empty, unreachable };
  const run = { key: wave.key, job: 'digest', formId: null, periodKey: null, wave: wave.wave, scheduledFor: wave.plannedFor, detail };
  const status = await deps.store.commitWave(run, drafts, null, now);
  return { status, messages: status === 'done' ? drafts.length : 0, detail };
}

/** A digest composer that only says the digest is on its way, in the supervisor's language. */
export function placeholderDigestComposer(contacts: { findById(id: number): Promise<{ name: string; locale: Locale } | null> }): DigestComposer {
  return async (contactId) => {
    const contact = await contacts.findById(contactId);
    if (!contact) return null;
    return { locale: contact.locale, reply: say('notices.digest_preparing', { name: contact.name }) };
  };
}
