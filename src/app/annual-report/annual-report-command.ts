/**
 * `/baocaonam [năm]` (`/annual`): a supervisor or admin asks for the compiled report of their scope.
 * Compiling takes a moment, so the reply comes at once ("being prepared") and the document follows
 * through the outbox: as a document on Telegram; on Zalo, which takes no documents, as a link when
 * files can be published (PUBLIC_BASE_URL), else a plain word on where to get it.
 */
import { DateTime } from 'luxon';
import type { Locale } from '../../domain/index.ts';
import type { Reply, ReplyLine } from '../../dialog/replies.ts';
import type { OutboxAttachment, OutboxPayload } from '../outbox-payload.ts';
import { scopeRoots } from '../../domain/digest/index.ts';
import { loadScope, type ReportDeps, type Scope } from '../digest/digest-builder.ts';
import type { CommandHandler, CommandRegistry } from '../inbound/command-registry.ts';
import type { OutboxChannel, OutboxDraft } from '../outbox-ports.ts';
import type { ContactRecord } from '../ports.ts';
import { parseReportYear, PLAN_START_YEAR } from './report-period.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What the command needs; ports, so it runs over any storage and document writer. */
export interface AnnualReportPorts {
  report: ReportDeps;
  /** Compiles the annual report of a scope (the document writer, injected). */
  compile(scope: Scope, year: number, locale: Locale, now: Date): Promise<{ docx: Buffer; filename: string; scopeName: string }>;
  /** Where the contact is reached now: the channel this very message came from, when the outbox serves it. */
  addressOf(contactId: number): Promise<{ channel: OutboxChannel; chatId: string } | null>;
  /** Writes one message to the outbox. */
  enqueue(draft: OutboxDraft, now: Date): Promise<void>;
  /** Publishes a file under an unguessable public URL; absent without PUBLIC_BASE_URL. */
  publish?: (bytes: Buffer, extension: string, now: Date) => string;
  onError?: (error: unknown) => void;
}

/** The command's handler, and a way for tests and shutdown to wait for the reports being compiled. */
export interface AnnualReportCommand {
  handler: CommandHandler;
  idle(): Promise<void>;
}

const say = (key: string, params: Record<string, string | number> = {}): Reply[] => [{ lines: [{ key, params }] }];

/** The outbox message carrying the compiled report to the channel it was asked from. */
function deliveryPayload(ports: AnnualReportPorts, channel: OutboxChannel, locale: Locale, year: number, compiled: { docx: Buffer; filename: string; scopeName: string }, now: Date): OutboxPayload {
  const params = { year, scope: compiled.scopeName };
  if (channel === 'telegram') {
    const document: OutboxAttachment = { kind: 'document', filename: compiled.filename, contentType: DOCX, base64: compiled.docx.toString('base64') };
    return { locale, reply: { lines: [{ key: 'report.chat_ready', params }] }, attachments: [document] };
  }
  if (ports.publish) return { locale, reply: { lines: [{ key: 'report.chat_ready_link', params: { ...params, url: ports.publish(compiled.docx, 'docx', now) } }] } };
  return { locale, reply: { lines: [{ key: 'report.chat_no_link', params }] } };
}

/** Builds the command over its ports. */
export function annualReportCommand(ports: AnnualReportPorts): AnnualReportCommand {
  const running = new Set<Promise<void>>();
  const timeZone = ports.report.timeZone;

  const deliver = async (contact: ContactRecord, scope: Scope, year: number, address: { channel: OutboxChannel; chatId: string }, now: Date) => {
    const key = `report:annual:${year}:${contact.id}:${now.getTime()}`;
    const draft = (payload: OutboxPayload, suffix: string): OutboxDraft => ({ idempotencyKey: `${key}${suffix}`, contactId: contact.id, channel: address.channel, chatId: address.chatId, kind: 'report', payload });
    try {
      const compiled = await ports.compile(scope, year, contact.locale, now);
      await ports.enqueue(draft(deliveryPayload(ports, address.channel, contact.locale, year, compiled, now), ''), now);
    } catch (error) {
      ports.onError?.(error);
      await ports.enqueue(draft({ locale: contact.locale, reply: { lines: [{ key: 'report.chat_failed', params: { year } }] } }, ':failed'), now).catch((again: unknown) => ports.onError?.(again));
    }
  };

  const handler: CommandHandler = async (contact, args, now) => {
    const roles = contact.roles.filter((role) => role.role !== 'reporter');
    if (roles.length === 0) return say('report.chat_not_supervisor');
    const currentYear = DateTime.fromJSDate(now, { zone: timeZone }).year;
    const year = args.trim() ? parseReportYear(args) : currentYear;
    if (year === null || year > currentYear) {
      const lines: ReplyLine[] = [{ key: 'report.invalid_year', params: { year: args.trim(), from: PLAN_START_YEAR, to: currentYear } }, { key: 'report.chat_usage', params: { year: currentYear } }];
      return [{ lines }];
    }
    const scope = await loadScope(ports.report.source, roles);
    if (scope.units.length === 0) return say('digest.empty_scope');
    const scopeName = scopeRoots(scope.tree, scope.units).map((unit) => unit.name).join(', ');
    const address = await ports.addressOf(contact.id);
    // Zalo takes no documents: without a public address for a link, say so now rather than compile for nothing.
    if (!address || (address.channel !== 'telegram' && !ports.publish)) return say('report.chat_no_link', { year, scope: scopeName });
    const job = deliver(contact, scope, year, address, now).finally(() => running.delete(job));
    running.add(job);
    return say('report.chat_preparing', { year, scope: scopeName });
  };

  return {
    handler,
    idle: async () => {
      while (running.size) await Promise.all([...running]);
    },
  };
}

/** Registers `/baocaonam` (`/annual`) on the inbound use case. */
export function registerAnnualReport(inbound: Pick<CommandRegistry, 'registerCommand'>, ports: AnnualReportPorts): AnnualReportCommand {
  const command = annualReportCommand(ports);
  inbound.registerCommand('annual', command.handler);
  return command;
}
