/**
 * `/tonghop` (`/digest`) with its pictures. The text is the answer the supervisor waits for, so it
 * goes back at once as the chat's direct reply, exactly as before. The chart and the workbook take a
 * moment to draw (the first time after a start, over a second), so they are drawn from the same
 * figures right after, and written to the outbox, which delivers them as it delivers Monday's
 * digest: paced, retried on a 429 or a network error, kept across a restart. On Telegram: the chart
 * as a photo and the workbook as a document; on Zalo, which takes photos only by URL and no files:
 * the chart as a link when charts can be published (PUBLIC_BASE_URL), else nothing more than the
 * text. A reporter (who sees only their own unit) gets the text alone, as Monday sends them nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Reply } from '../../dialog/replies.ts';
import type { CommandHandler, CommandRegistry } from '../inbound/command-registry.ts';
import type { OutboxChannel, OutboxDraft } from '../outbox-ports.ts';
import type { OutboxAttachment } from '../outbox-payload.ts';
import { buildDigest, loadScope, type ReportDeps } from './digest-builder.ts';
import { digestAttachments, type AttachmentChoice } from './digest-attachments.ts';
import type { ChartLinks } from './digest-composer.ts';
import { digestReply } from './digest-reply.ts';

/** What the command needs; ports, so it runs over any storage. */
export interface DigestNowPorts {
  report: ReportDeps;
  /** Where the contact is reached by the outbox (the channel used last), or null. */
  addressOf(contactId: number): Promise<{ channel: OutboxChannel; chatId: string } | null>;
  /** Writes one message to the outbox. */
  enqueue(draft: OutboxDraft, now: Date): Promise<void>;
  /** Wakes the outbox sender, so the files do not wait for its next look. */
  notify?: () => void;
  /** Set when PUBLIC_BASE_URL is configured: Zalo then gets the chart as a link. */
  charts?: ChartLinks;
  onError?: (error: unknown) => void;
  /** The pause before drawing the files (default `FILES_AFTER_REPLY_MS`). */
  pauseMs?: number;
}

/** The command's handler, and a way for tests and shutdown to wait for the files being drawn. */
export interface DigestNowCommand {
  handler: CommandHandler;
  idle(): Promise<void>;
}

/**
 * The chart is drawn on the bot's one thread: drawn at once, it would hold back the reply being sent
 * (and could overtake it). The files start after this pause, once the text is on its way.
 */
export const FILES_AFTER_REPLY_MS = 200;

/** Which files a channel can take, or null when it takes none. */
function attachmentsFor(channel: OutboxChannel, charts: ChartLinks | undefined): AttachmentChoice | null {
  if (channel === 'telegram') return { workbook: true };
  if (charts) return { workbook: false, publishChart: (png, now) => charts.publish(png, now) };
  return null;
}

/** Builds the command over its ports. */
export function digestNowCommand(ports: DigestNowPorts): DigestNowCommand {
  const running = new Set<Promise<void>>();

  const sendFiles = async (draft: Omit<OutboxDraft, 'payload'>, locale: OutboxDraft['payload']['locale'], files: () => Promise<OutboxAttachment[]>, now: Date) => {
    await new Promise((resolve) => setTimeout(resolve, ports.pauseMs ?? FILES_AFTER_REPLY_MS));
    try {
      await ports.enqueue({ ...draft, payload: { locale, reply: { lines: [] }, attachments: await files() } }, now);
    } catch (error) {
      ports.onError?.(error);
      const failed: OutboxDraft = { ...draft, idempotencyKey: `${draft.idempotencyKey}:failed`, payload: { locale, reply: { lines: [{ key: 'digest.files_failed' }] } } };
      await ports.enqueue(failed, now).catch((again: unknown) => ports.onError?.(again));
    }
    ports.notify?.();
  };

  const handler: CommandHandler = async (contact, _args, now) => {
    const scope = await loadScope(ports.report.source, contact.roles);
    if (scope.units.length === 0) return [{ lines: [{ key: 'digest.empty_scope' }] }];
    const data = await buildDigest(ports.report, scope, now);
    const { locale } = contact;
    const text = digestReply(data, locale);
    if (!contact.roles.some((role) => role.role !== 'reporter')) return [text];
    const address = await ports.addressOf(contact.id);
    const choice = address ? attachmentsFor(address.channel, ports.charts) : null;
    if (!address || !choice) return [text];
    const draft = { idempotencyKey: `digest:now:${contact.id}:${now.getTime()}:${randomUUID()}`, contactId: contact.id, channel: address.channel, chatId: address.chatId, kind: 'digest' as const };
    const job = sendFiles(draft, locale, () => digestAttachments(data, locale, choice), now).finally(() => running.delete(job));
    running.add(job);
    const coming: Reply = { lines: [...text.lines, { text: '' }, { key: choice.workbook ? 'digest.files_coming' : 'digest.chart_coming', style: 'hint' }] };
    return [coming];
  };

  return {
    handler,
    idle: async () => {
      while (running.size) await Promise.all([...running]);
    },
  };
}

/** Registers `/tonghop` (`/digest`) with its files, replacing the text-only answer. */
export function registerDigestNow(inbound: Pick<CommandRegistry, 'registerCommand'>, ports: DigestNowPorts): DigestNowCommand {
  const command = digestNowCommand(ports);
  inbound.registerCommand('digest', command.handler);
  return command;
}
