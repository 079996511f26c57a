/**
 * The real weekly digest composer the scheduler calls for each supervisor: their subtree's digest
 * in their language, as the outbox stores it, with the chart (PNG, 'photo') and the figures (XLSX,
 * 'document') attached. Where charts are published at a public URL (for Zalo, which sends photos
 * by URL), the photo attachment carries that URL too.
 */
import { DateTime } from 'luxon';
import type { DigestComposer } from '../digest-composer.ts';
import type { OutboxAttachment, OutboxPayload } from '../outbox-payload.ts';
import { formatDate } from '../../i18n/format.ts';
import { buildDigest, loadScope, type ReportDeps } from './digest-builder.ts';
import { digestChartPng } from './digest-chart.ts';
import { digestReply, scopeName } from './digest-reply.ts';
import { digestWorkbook } from './digest-workbook.ts';
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

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
    const params = { scope: scopeName(data), date: formatDate(locale, now, deps.timeZone) };
    const png = digestChartPng(data, locale);
    const day = DateTime.fromJSDate(now, { zone: deps.timeZone }).toISODate() ?? 'digest';
    const photo: OutboxAttachment = {
      kind: 'photo',
      filename: `${locale === 'vi' ? 'bieu-do' : 'chart'}-${day}.png`,
      contentType: 'image/png',
      base64: png.toString('base64'),
      caption: { key: 'digest.chart_caption', params },
      ...(deps.charts ? { url: deps.charts.publish(png, now) } : {}),
    };
    const workbook: OutboxAttachment = {
      kind: 'document',
      filename: `${locale === 'vi' ? 'tong-hop' : 'digest'}-${day}.xlsx`,
      contentType: XLSX,
      base64: (await digestWorkbook(data, locale)).toString('base64'),
      caption: { key: 'digest.workbook_caption', params },
    };
    return { locale, reply: digestReply(data, locale), attachments: [photo, workbook] };
  };
}
