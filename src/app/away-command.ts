/**
 * `/vangmat` (`/away`): a contact pauses reminders while away. `/vangmat 30/11/2026` pauses them
 * until the end of that day, `/vangmat` alone shows the setting, `/vangmat off` ends it early.
 * Escalations skip the contact too; other supervisors still receive them.
 */
import { DateTime } from 'luxon';
import { parseDateText } from '../domain/answers/parse-date.ts';
import { foldForMatch } from '../domain/text/normalize.ts';
import { say, type Reply } from '../dialog/replies.ts';
import { formatDate } from '../i18n/format.ts';
import type { CommandRegistry } from './inbound/command-registry.ts';
import type { ContactRecord } from './ports.ts';

/** Where the setting is kept (Contact.awayUntil). */
export interface AwayStore {
  awayUntil(contactId: number): Promise<Date | null>;
  setAwayUntil(contactId: number, until: Date | null): Promise<void>;
}

/** What the contact asked for. */
export type AwayRequest = { kind: 'show' } | { kind: 'off' } | { kind: 'until'; date: string } | { kind: 'invalid' };

const OFF_WORDS = new Set(['off', 'tat', 'huy', 'het', 'stop', 'cancel', 'none']);
/** Longest pause accepted, so a typo in the year does not silence someone for a decade. */
const MAX_AWAY_DAYS = 366;

/** Reads the command's argument: nothing, an "off" word, or a date written day first. */
export function parseAwayArgs(args: string): AwayRequest {
  const text = args.trim();
  if (text === '') return { kind: 'show' };
  if (OFF_WORDS.has(foldForMatch(text))) return { kind: 'off' };
  const date = parseDateText(text);
  return date.ok ? { kind: 'until', date: date.value } : { kind: 'invalid' };
}

/** Away through the given local day: reminders resume at the next local midnight. */
export function awayEndInstant(isoDate: string, timeZone: string): Date {
  return DateTime.fromISO(isoDate, { zone: timeZone }).plus({ days: 1 }).startOf('day').toJSDate();
}

/** The last day away, for display: the day before the instant reminders resume. */
function lastAwayDay(contact: ContactRecord, until: Date, timeZone: string): string {
  return formatDate(contact.locale, new Date(until.getTime() - 1), timeZone);
}

/** Answers one `/vangmat` command and applies it. */
export async function answerAway(store: AwayStore, contact: ContactRecord, args: string, now: Date, timeZone: string): Promise<Reply[]> {
  const request = parseAwayArgs(args);
  const current = await store.awayUntil(contact.id);
  const isAway = current !== null && current.getTime() > now.getTime();
  switch (request.kind) {
    case 'show':
      return isAway && current ? [say('away.current', { until: lastAwayDay(contact, current, timeZone) })] : [say('away.not_away')];
    case 'off':
      await store.setAwayUntil(contact.id, null);
      return [say(isAway ? 'away.ended' : 'away.not_away')];
    case 'invalid':
      return [say('away.usage')];
    case 'until': {
      const until = awayEndInstant(request.date, timeZone);
      if (until.getTime() <= now.getTime()) return [say('away.date_past')];
      if (until.getTime() - now.getTime() > MAX_AWAY_DAYS * 86_400_000) return [say('away.date_too_far', { days: MAX_AWAY_DAYS })];
      await store.setAwayUntil(contact.id, until);
      return [say('away.set', { until: lastAwayDay(contact, until, timeZone) })];
    }
  }
}

/** Makes the inbound use case answer `/vangmat` and `/away`. */
export function registerAwayCommand(inbound: CommandRegistry, store: AwayStore, timeZone: string): void {
  inbound.registerCommand('away', (contact, args, now) => answerAway(store, contact, args, now, timeZone));
}
