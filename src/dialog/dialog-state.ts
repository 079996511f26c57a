import { z } from 'zod';

/**
 * The persisted state of one contact's conversation. It is saved after every step, so a restart, a
 * crash or a message days later resumes at the same question. Its shape is versioned: a program that
 * finds a state of another version starts afresh rather than misreading it.
 */
export const DIALOG_STATE_VERSION = 1;

const answerValueSchema = z.union([z.number(), z.string(), z.array(z.string()), z.null()]);

const sessionSchema = z.object({
  unitId: z.number().int(),
  formId: z.string(),
  /** The form version the report was started on; a newer version never reinterprets this draft. */
  formVersion: z.number().int(),
  periodKey: z.string(),
  answers: z.record(z.string(), answerValueSchema),
  /** The question being asked, or null while the summary is shown. */
  cursor: z.string().nullable(),
  /** Questions answered, in order, for "back". */
  trail: z.array(z.string()),
  failures: z.number().int().default(0),
  /** Set while changing one answer from the summary: return there when done. */
  returnToReview: z.boolean().default(false),
  /** The unit had already submitted this period: confirming makes a new revision. */
  amending: z.boolean().default(false),
});

export type Session = z.infer<typeof sessionSchema>;

const stateSchema = z.object({
  v: z.literal(DIALOG_STATE_VERSION),
  mode: z.enum(['idle', 'choosing_period', 'session']),
  /** Key of the session being worked on (see sessionKey). */
  active: z.string().nullable(),
  /** Started reports, kept as drafts until submitted or their period closes. */
  sessions: z.record(z.string(), sessionSchema),
  /** The periods offered by the last list, so that "2" means what the contact saw. */
  periodChoices: z.array(z.object({ unitId: z.number().int(), formId: z.string(), periodKey: z.string() })),
});

export type DialogState = z.infer<typeof stateSchema>;

/** A conversation with nothing going on. */
export function initialDialogState(): DialogState {
  return { v: DIALOG_STATE_VERSION, mode: 'idle', active: null, sessions: {}, periodChoices: [] };
}

/** The key of a report draft: one per unit, form and period. */
export function sessionKey(target: { unitId: number; formId: string; periodKey: string }): string {
  return `${target.unitId}:${target.formId}:${target.periodKey}`;
}

/** Reads a stored state; anything unreadable or of another version gives a fresh one. */
export function loadDialogState(json: string | null | undefined): DialogState {
  if (!json) return initialDialogState();
  try {
    const parsed = stateSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : initialDialogState();
  } catch {
    return initialDialogState();
  }
}

/** Serialises a state for storage. */
export function saveDialogState(state: DialogState): string {
  return JSON.stringify(state);
}
