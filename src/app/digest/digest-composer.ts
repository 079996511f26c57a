/**
 * The real weekly digest composer the scheduler calls for each supervisor: their subtree's digest
 * in their language, as the outbox stores it, with the chart (PNG, 'photo') and the figures (XLSX,
 * 'document') attached. Where charts are published at a public URL (for Zalo, which sends photos
 * by URL), the photo attachment carries that URL too.
 */
import type { DigestComposer } from '../digest-composer.ts';
import type { OutboxPayload } from '../outbox-payload.ts';
import { buildDigest, loadScope, type ReportDeps } from './digest-builder.ts';
import { digestAttachments } from './digest-attachments.ts';
import { digestReply } from './digest-reply.ts';
import type { ContactLookup } from './report-data-port.ts';

/** Publishes a chart and returns its public URL (see the chart route). */
export interface ChartLinks {
  publish(png: Buffer, now?: Date): string;
}

/** What the composer reads: reports, forms, the time zone, contacts, and optionally where charts are published. */
export interface DigestComposerDeps extends ReportDeps {
  contacts: ContactLookup;
  /** Set when PUBLIC_BASE_URL is configured. */
  charts?: ChartLinks;
}

/** Builds the composer; null for a contact who is gone or supervises nothing. */
export function createDigestComposer(deps: DigestComposerDeps): DigestComposer {
  return async (contactId: number, now: Date): Promise<OutboxPayload | null> => {
    const contact = await deps.contacts.findById(contactId);
    if (!contact) return null;
    const roles = contact.roles.filter((role) => role.role !== 'reporter');
    if (roles.length === 0) return null;
    const scope = await loadScope(deps.source, roles);
    if (scope.units.length === 0) return null;
    const data = await buildDigest(deps, scope, now);
    const { locale } = contact;
    const charts = deps.charts;
    const attachments = await digestAttachments(data, locale, { workbook: true, ...(charts ? { publishChart: (png, at) => charts.publish(png, at) } : {}) });
    return { locale, reply: digestReply(data, locale), attachments };
  };
}
