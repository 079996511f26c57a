import type { Locale } from '../domain/index.ts';
import type { OutboxChannel, OutboxDraft } from './outbox-ports.ts';

/** Where and how to reach one contact: the channel used last (else any reachable one), in their language. */
export interface NotificationTarget {
  contactId: number;
  name: string;
  locale: Locale;
  /** Reminders pause until this instant. */
  awayUntil: Date | null;
  /** Null when the contact has no reachable messenger identity. */
  address: { channel: OutboxChannel; chatId: string } | null;
}

/** A unit that reports, with its reporters. */
export interface ReportingUnit {
  id: number;
  name: string;
  reporters: NotificationTarget[];
}

/** Who receives scheduled messages. */
export interface RecipientDirectory {
  /** Active units that have at least one active reporter. */
  reportingUnits(): Promise<ReportingUnit[]>;
  /** Units that have a submission for the form and period. */
  submittedUnitIds(formId: string, periodKey: string): Promise<Set<number>>;
  /** Per unit: contacts with a supervisor role on it or on any ancestor. */
  supervisorsOf(unitIds: readonly number[]): Promise<Map<number, NotificationTarget[]>>;
  /** Every active contact with a supervisor role, once. */
  supervisors(): Promise<NotificationTarget[]>;
}

/** A job run as recorded, unique by key. */
export interface JobRunRecord {
  key: string;
  job: string;
  formId: string | null;
  periodKey: string | null;
  wave: string;
  scheduledFor: Date;
  detail: Record<string, unknown>;
}

/** A period row to create (and, for the opening wave, mark announced) with the wave. */
export interface PeriodRecord {
  formId: string;
  key: string;
  opensAt: Date;
  dueAt: Date;
  closesAt: Date;
  announcedAt: Date | null;
}

/**
 * Job runs and the messages they decide, written together: the run's key is stored in the same
 * transaction as its outbox rows, so a wave happens exactly once even across restarts.
 */
export interface WaveStore {
  /** The keys among these that already have a run (done or skipped). */
  existingKeys(keys: readonly string[]): Promise<Set<string>>;
  /** 'already' when the key was taken (another worker, a restart): nothing was written. */
  commitWave(run: JobRunRecord, messages: OutboxDraft[], period: PeriodRecord | null, now: Date): Promise<'done' | 'already'>;
  /** Records a wave that will not run (too old to catch up), so it is never tried again. */
  recordSkipped(run: JobRunRecord, now: Date): Promise<void>;
  /** When the newest scheduled run was planned for, if any: where a restart looks back from. */
  latestScheduledFor(): Promise<Date | null>;
}
