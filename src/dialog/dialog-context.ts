import type { Answers, Form, Locale, LocalizedText } from '../domain/index.ts';
import type { RoleName } from '../domain/organisation/vocabulary.ts';

/** A report the contact may file now: one unit's open period of one form. */
export interface ReportingOption {
  unitId: number;
  unitName: string;
  formId: string;
  formTitle: LocalizedText;
  /** The form's current version: what a new report is asked with. */
  formVersion: number;
  periodKey: string;
  periodType: Form['period'];
  opensAt: Date;
  dueAt: Date;
  closesAt: Date;
  /** What the unit has already submitted for this period, if anything. */
  submitted: { answers: Answers; formVersion: number; submittedAt: Date; late: boolean; reviewState?: string; reviewReason?: string | null } | null;
  /** Offered though its period closed: the report was returned for amendment, or the period reopened for the unit. */
  beyondClose?: 'returned' | 'reopened';
}

/** A period that is not open yet, for /status. */
export interface UpcomingPeriod {
  formTitle: LocalizedText;
  periodKey: string;
  periodType: Form['period'];
  opensAt: Date;
  dueAt: Date;
}

/**
 * Everything the engine may read, gathered by the app before a step. The engine itself does no I/O:
 * it gets this snapshot and the current time, and returns what to say and what to store.
 */
export interface DialogContext {
  now: Date;
  timeZone: string;
  locale: Locale;
  contactName: string;
  roles: ReadonlyArray<RoleName>;
  options: ReportingOption[];
  upcoming: UpcomingPeriod[];
  /** A form at a given version (the one a draft was started on); undefined if unknown. */
  form(formId: string, version: number): Form | undefined;
}
