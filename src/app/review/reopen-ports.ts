import type { OutboxDraft } from '../outbox-ports.ts';

/** A closed period reopened for one unit, as listed. */
export interface ReopeningRecord {
  formId: string;
  periodKey: string;
  unitId: number;
  unitCode: string;
  until: Date;
  createdBy: string;
}

/** Where reopened periods are kept. */
export interface ReopeningStore {
  /** Reopens (or moves the date of) a period for a unit, with its audit entry and notices, in one transaction. */
  reopen(input: { formId: string; periodKey: string; unitId: number; until: Date; actor: string; now: Date; notices: OutboxDraft[] }): Promise<void>;
  list(formId: string): Promise<ReopeningRecord[]>;
}
