/**
 * The files that go with a digest: its chart (PNG, sent as a photo) and its figures (XLSX, sent as
 * a document), captioned with the scope and the date. Shared by Monday's digest and `/tonghop`, so a
 * supervisor asking at any time gets exactly what Monday brings.
 */
import { DateTime } from 'luxon';
import type { Locale } from '../../domain/index.ts';
import type { DigestData } from '../../domain/digest/index.ts';
import { formatDate } from '../../i18n/format.ts';
import type { OutboxAttachment } from '../outbox-payload.ts';
import { digestChartPng } from './digest-chart.ts';
import { scopeName } from './digest-reply.ts';
import { digestWorkbook } from './digest-workbook.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Which files to make, and where a chart is published for platforms that take photos only by URL. */
export interface AttachmentChoice {
  workbook: boolean;
  /** Publishes the chart and returns its public URL; absent, the photo carries its bytes only. */
  publishChart?: (png: Buffer, now: Date) => string;
}

/** The digest's chart and, when asked, its workbook, in the reader's language. */
export async function digestAttachments(data: DigestData, locale: Locale, choice: AttachmentChoice): Promise<OutboxAttachment[]> {
  const now = data.generatedAt;
  const params = { scope: scopeName(data), date: formatDate(locale, now, data.timeZone) };
  const day = DateTime.fromJSDate(now, { zone: data.timeZone }).toISODate() ?? 'digest';
  const png = digestChartPng(data, locale);
  const photo: OutboxAttachment = {
    kind: 'photo',
    filename: `${locale === 'vi' ? 'bieu-do' : 'chart'}-${day}.png`,
    contentType: 'image/png',
    base64: png.toString('base64'),
    caption: { key: 'digest.chart_caption', params },
    ...(choice.publishChart ? { url: choice.publishChart(png, now) } : {}),
  };
  if (!choice.workbook) return [photo];
  const workbook: OutboxAttachment = {
    kind: 'document',
    filename: `${locale === 'vi' ? 'tong-hop' : 'digest'}-${day}.xlsx`,
    contentType: XLSX,
    base64: (await digestWorkbook(data, locale)).toString('base64'),
    caption: { key: 'digest.workbook_caption', params },
  };
  return [photo, workbook];
}
