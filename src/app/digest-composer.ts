import type { OutboxPayload } from './outbox-payload.ts';

/**
 * Writes one supervisor's weekly digest, in their language, for the scheduler to put in the outbox.
 * Null when there is nothing to send (no unit in their scope).
 */
export type DigestComposer = (contactId: number, now: Date) => Promise<OutboxPayload | null>;
