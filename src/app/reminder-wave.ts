/**
 * The form waves of the scheduler as a use case: announce a period to the reporters of every
 * reporting unit, remind the units that have not submitted, escalate them to their supervisors.
 * Messages are grouped per contact (one message listing their units), go to the contact's channel
 * in their language, and are committed with the wave's job run in one transaction.
 */
import type { Form, PeriodWindow } from '../domain/index.ts';
import type { OutboxPayload } from './outbox-payload.ts';
import { escalationNotice, periodOpenedNotice, reminderNotice, type NoticeContext } from './notice-messages.ts';
import type { NotificationTarget, RecipientDirectory, WaveStore } from './notification-ports.ts';
import type { OutboxDraft, OutboxKind } from './outbox-ports.ts';

/** A wave to run now, as the scheduler (or an operator) hands it over. */
export interface DueWave {
  key: string;
  job: 'open' | 'reminder' | 'escalation' | 'digest';
  formId: string | null;
  periodKey: string | null;
  wave: string;
  plannedFor: Date;
}

/** What a wave did; `already` when its key had been run before. */
export interface WaveOutcome {
  status: 'done' | 'already' | 'skipped';
  messages: number;
  detail: Record<string, unknown>;
}

/** The unique key of a job run: job, form, period and wave (`reminder:monthly_figures:2026-11:d-2`). */
export function jobRunKey(job: DueWave['job'], formId: string | null, periodKey: string | null, wave: string): string {
  return [job, formId ?? '-', periodKey ?? '-', wave].join(':');
}

/** What the form waves need. */
export interface FormWaveDeps {
  recipients: RecipientDirectory;
  store: WaveStore;
  timeZone: string;
}

interface Addressee {
  target: NotificationTarget;
  units: string[];
}

function addTo(map: Map<number, Addressee>, target: NotificationTarget, unit: string): void {
  const entry = map.get(target.contactId) ?? { target, units: [] };
  if (!entry.units.includes(unit)) entry.units.push(unit);
  map.set(target.contactId, entry);
}

/** Runs one opening, reminder or escalation wave of a form's period. */
export async function runFormWave(deps: FormWaveDeps, wave: DueWave, form: Form, window: PeriodWindow, now: Date): Promise<WaveOutcome> {
  const units = await deps.recipients.reportingUnits();
  const submitted = wave.job === 'open' ? new Set<number>() : await deps.recipients.submittedUnitIds(form.id, window.key);
  const pending = units.filter((unit) => !submitted.has(unit.id));
  const addressees = new Map<number, Addressee>();
  let away = 0;
  const isAway = (target: NotificationTarget) => wave.job !== 'open' && target.awayUntil !== null && target.awayUntil.getTime() > now.getTime();
  if (wave.job === 'escalation') {
    const supervisors = await deps.recipients.supervisorsOf(pending.map((unit) => unit.id));
    for (const unit of pending) {
      for (const target of supervisors.get(unit.id) ?? []) {
        if (isAway(target)) away += 1;
        else addTo(addressees, target, unit.name);
      }
    }
  } else {
    for (const unit of pending) {
      for (const target of unit.reporters) {
        if (isAway(target)) away += 1;
        else addTo(addressees, target, unit.name);
      }
    }
  }
  const context: NoticeContext = { form, window, timeZone: deps.timeZone, now };
  const kind: OutboxKind = wave.job === 'open' ? 'notice' : wave.job === 'reminder' ? 'reminder' : 'escalation';
  const compose = wave.job === 'open' ? periodOpenedNotice : wave.job === 'reminder' ? reminderNotice : escalationNotice;
  const drafts: OutboxDraft[] = [];
  let unreachable = 0;
  for (const { target, units: names } of addressees.values()) {
    if (!target.address) {
      unreachable += 1;
      continue;
    }
    drafts.push(draftFor(wave.key, target, kind, compose(context, target.locale, target.name, names)));
  }
  const detail = { units: pending.length, submitted: submitted.size, messages: drafts.length, away, unreachable };
  const period = { formId: form.id, key: window.key, opensAt: window.opensAt, dueAt: window.dueAt, closesAt: window.closesAt, announcedAt: wave.job === 'open' ? now : null };
  const run = { key: wave.key, job: wave.job, formId: form.id, periodKey: window.key, wave: wave.wave, scheduledFor: wave.plannedFor, detail };
  const status = await deps.store.commitWave(run, drafts, period, now);
  return { status, messages: status === 'done' ? drafts.length : 0, detail };
}

/** One contact's message of a wave; the key makes writing it twice impossible. */
export function draftFor(waveKey: string, target: NotificationTarget, kind: OutboxKind, payload: OutboxPayload): OutboxDraft {
  const address = target.address;
  if (!address) throw new Error(`contact ${target.contactId} has no address`);
  return { idempotencyKey: `${waveKey}#${target.contactId}`, contactId: target.contactId, channel: address.channel, chatId: address.chatId, kind, payload };
}
