/**
 * The texts of scheduled notices, as message keys and values in the recipient's language: a period
 * opened, a reminder (days before due, due today, overdue), an escalation to supervisors. Each says
 * what to type next. Pure: the channel renders them when the message is sent.
 */
import { DateTime } from 'luxon';
import { pickText, type Form, type Locale, type PeriodWindow } from '../domain/index.ts';
import { periodLabel } from '../dialog/period-label.ts';
import type { MessageRef, ReplyLine } from '../dialog/replies.ts';
import { formatDateTime } from '../i18n/format.ts';
import type { OutboxPayload } from './outbox-payload.ts';

/** Whole calendar days from the local day of `now` to the local day of `dueAt` (negative when overdue). */
export function calendarDaysUntil(now: Date, dueAt: Date, timeZone: string): number {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const dueDay = DateTime.fromJSDate(dueAt, { zone: timeZone }).startOf('day');
  return Math.round(dueDay.diff(today, 'days').days);
}

/** What every notice about one form's period shares. */
export interface NoticeContext {
  form: Form;
  window: PeriodWindow;
  timeZone: string;
  now: Date;
}

/** The parts shared by every message of a wave, formatted once per language (a wave may have 10 000 recipients). */
const sharedParts = new WeakMap<NoticeContext, Map<Locale, { form: string; period: MessageRef; due: string }>>();

function common(context: NoticeContext, locale: Locale, name: string, units: string[]) {
  const byLocale = sharedParts.get(context) ?? new Map();
  sharedParts.set(context, byLocale);
  let shared = byLocale.get(locale);
  if (!shared) {
    shared = {
      form: pickText(context.form.title, locale),
      period: periodLabel(context.form.period, context.window.key),
      due: formatDateTime(locale, context.window.dueAt, context.timeZone),
    };
    byLocale.set(locale, shared);
  }
  return { name, ...shared, units: units.join(', ') };
}

/** "The period is open for your unit(s), due at …; type /baocao." */
export function periodOpenedNotice(context: NoticeContext, locale: Locale, name: string, units: string[]): OutboxPayload {
  return {
    locale,
    reply: { lines: [{ key: 'notices.period_opened', params: common(context, locale, name, units) }, { key: 'notices.how_to_report' }] },
  };
}

/** A reminder worded by where `now` stands against the due day. */
export function reminderNotice(context: NoticeContext, locale: Locale, name: string, units: string[]): OutboxPayload {
  const days = calendarDaysUntil(context.now, context.window.dueAt, context.timeZone);
  const params = { ...common(context, locale, name, units), days: Math.abs(days) };
  const key = days > 0 ? 'notices.reminder_before' : days === 0 ? 'notices.reminder_due_today' : 'notices.reminder_overdue';
  return { locale, reply: { lines: [{ key, params }, { key: 'notices.how_to_report' }] } };
}

/** To a supervisor: these units have not reported and are overdue by N days. */
export function escalationNotice(context: NoticeContext, locale: Locale, name: string, units: string[]): OutboxPayload {
  const days = Math.max(0, -calendarDaysUntil(context.now, context.window.dueAt, context.timeZone));
  const params = { ...common(context, locale, name, []), days, count: units.length };
  const lines: ReplyLine[] = [
    { key: 'notices.escalation', params },
    ...units.map((unit): ReplyLine => ({ text: `• ${unit}` })),
    { key: 'notices.escalation_action' },
  ];
  return { locale, reply: { lines } };
}
