/**
 * What every page template needs: the reader's language and time zone, translation of `web.*` texts,
 * and the dashboard's paths. Templates are `hono/html` tagged templates, which escape every value.
 */
import type { Locale } from '../../../domain/index.ts';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../../i18n/format.ts';
import { translate, type MessageParams } from '../../../i18n/translator.ts';
import { messageText } from '../../../app/digest/message-text.ts';
import type { MessageRef } from '../../../dialog/replies.ts';
import { DASHBOARD_PATH } from '../../../app/dashboard-auth.ts';

/** The reader of a page. */
export interface PageContext {
  locale: Locale;
  timeZone: string;
  /** The signed-in contact's name, or null on the sign-in and error pages. */
  viewer: string | null;
}

/** Helpers bound to one page context. */
export function pageTools(ctx: PageContext) {
  const { locale, timeZone } = ctx;
  return {
    t: (key: string, params?: MessageParams) => translate(locale, `web.${key}`, params),
    text: (ref: MessageRef) => messageText(locale, ref),
    number: (value: number, digits?: number) => formatNumber(locale, value, digits),
    percent: (ratio: number, digits?: number) => formatPercent(locale, ratio, digits),
    date: (at: Date) => formatDate(locale, at, timeZone),
    dateTime: (at: Date) => formatDateTime(locale, at, timeZone),
    path: (rest = '') => `${DASHBOARD_PATH}/${rest}`,
  };
}
