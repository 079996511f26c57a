import type { Locale } from '../../domain/index.ts';
import { parseCommand } from '../../dialog/commands.ts';
import type { DialogContext } from '../../dialog/dialog-context.ts';
import { DIALOG_STATE_VERSION, saveDialogState, type DialogState } from '../../dialog/dialog-state.ts';
import { ENGINE_COMMANDS, step } from '../../dialog/engine.ts';
import type { Reply } from '../../dialog/replies.ts';
import { KeyedQueue } from '../keyed-queue.ts';
import type { ChannelName, Clock, FormCatalog, SenderLocks } from '../ports.ts';
import type { Registration } from '../registration.ts';
import { ReportingCalendar, optionKeys, reportingOptions } from '../reporting-options.ts';
import type { CommandRegistry } from './command-registry.ts';
import { DirectoryCache, SubmissionCache } from './directory-cache.ts';
import type { InboundMessage, InboundReceiver, InboundReplies, ReceiveOutcome, ReplyDelivery } from './inbound-message.ts';
import type { DirectoryEntry, InboundStore, StepSnapshot, UpdateKey, UpdateWrites } from './inbound-store.ts';
import { RecentDialogStates } from './recent-dialog-states.ts';
import { effectWrites, presenceWrite } from './step-writes.ts';
import { fingerprintOf, sealForReplay, unsealForReplay } from './update-record.ts';

/** The few things the pipeline reports; a pino logger fits. */
export interface PipelineLog {
  debug(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface InboundPipelineDeps {
  store: InboundStore;
  registration: Registration;
  commands: CommandRegistry;
  forms: FormCatalog;
  clock: Clock;
  timeZone: string;
  defaultLocale: Locale;
  log: PipelineLog;
  /** Needed only when several workers share the database; one process orders a sender's updates by itself. */
  locks?: SenderLocks;
}

/** An update's outcome before it is written: the replies, and what else the update changes. */
interface Handled {
  locale: Locale;
  replies: Reply[];
  writes: Omit<UpdateWrites, 'update' | 'now'>;
  /** The directory entry as it will be once the writes are committed. */
  entry?: DirectoryEntry;
  /** The new dialog state, as written in `writes.dialog`. */
  dialog?: DialogState;
}

/** How many updates stored before a crash are replayed at a start. */
const REPLAY_LIMIT = 1000;

/**
 * Update keys are kept this long: past every platform's redelivery window (Telegram keeps an
 * unconfirmed update 24 hours), so a repeat is still recognised, and the table does not grow for ever.
 */
export const UPDATE_KEYS_KEPT_MS = 7 * 24 * 60 * 60 * 1000;
const FORGET_EVERY_MS = 60 * 60 * 1000;

/**
 * The one receive path of every channel and every way in (webhook, long polling, replay at start):
 * recognise a repeat, keep one sender's updates in order, then registration, a command, a button or a
 * dialog step, then write the outcome (the update's record, the dialog state, the effects, the
 * sender's presence) in one transaction, then send the replies through the channel. Channels only
 * read platform updates and render replies.
 */
export class InboundPipeline implements InboundReceiver {
  /** Updates by outcome since start, for the metrics page. */
  readonly outcomes: Record<ReceiveOutcome, number> = { handled: 0, repeat: 0, failed: 0 };
  private readonly queue = new KeyedQueue();
  private readonly deliveries = new Map<ChannelName, ReplyDelivery>();
  private readonly directory: DirectoryCache;
  private readonly submissions: SubmissionCache;
  private readonly calendar: ReportingCalendar;
  private readonly dialogStates = new RecentDialogStates();
  private lastForgotten = 0;

  constructor(private readonly deps: InboundPipelineDeps) {
    this.directory = new DirectoryCache(deps.store);
    this.submissions = new SubmissionCache(deps.store);
    this.calendar = new ReportingCalendar(() => deps.forms.current(), deps.timeZone);
  }

  attach(channel: ChannelName, deliver: ReplyDelivery): void {
    this.deliveries.set(channel, deliver);
  }

  async hold(message: InboundMessage): Promise<void> {
    await this.deps.store.storePending(keyOf(message), fingerprintOf(message), sealForReplay(message), this.deps.clock.now());
  }

  receive(message: InboundMessage): Promise<ReceiveOutcome> {
    this.forgetOldKeys();
    const fingerprint = fingerprintOf(message);
    return this.inOrder(message, () => this.counted(this.handleOnce(message, keyOf(message), fingerprint)));
  }

  private async counted(work: Promise<ReceiveOutcome>): Promise<ReceiveOutcome> {
    const outcome = await work;
    this.outcomes[outcome] += 1;
    return outcome;
  }

  async replay(channel: ChannelName, botKey: string): Promise<number> {
    const rows = await this.deps.store.pending(channel, botKey, REPLAY_LIMIT);
    const work: Array<Promise<ReceiveOutcome>> = [];
    for (const row of rows) {
      const stored = unsealForReplay(row.payload);
      if (!stored) {
        this.deps.log.warn({ channel, update: row.updateKey }, 'stored update unreadable, closed as failed');
        await this.deps.store.commit({ update: { ...row, status: 'failed' }, now: this.deps.clock.now() });
        continue;
      }
      const message = stored.message;
      work.push(this.inOrder(message, () => this.counted(this.handleOnce(message, row, row.fingerprint, stored.inviteCodeHash))));
    }
    await Promise.all(work);
    return rows.length;
  }

  /** At most once an hour, in the background: keys older than any redelivery are dropped. */
  private forgetOldKeys(): void {
    const now = this.deps.clock.now().getTime();
    if (now - this.lastForgotten < FORGET_EVERY_MS && now >= this.lastForgotten) return;
    this.lastForgotten = now;
    this.deps.store.forgetUpdatesBefore(new Date(now - UPDATE_KEYS_KEPT_MS)).catch((error: unknown) => {
      this.deps.log.warn({ err: describeThrown(error) }, 'old update keys not forgotten');
    });
  }

  /** One sender at a time, in arrival order; across workers, under the sender's lease. */
  private inOrder(message: InboundMessage, task: () => Promise<ReceiveOutcome>): Promise<ReceiveOutcome> {
    const sender = `${message.identity.channel}:${message.identity.userId}`;
    const locks = this.deps.locks;
    if (!locks) return this.queue.run(sender, task);
    return this.queue.run(sender, async () => {
      if (!(await locks.acquire(sender))) {
        // Another worker is stuck on this person: better a "try again" now than a silent wait.
        await this.deliver(message, { locale: this.deps.defaultLocale, replies: [{ lines: [{ key: 'dialog.internal_error' }] }] });
        return 'failed';
      }
      try {
        return await task();
      } finally {
        await locks.release(sender);
      }
    });
  }

  private async handleOnce(message: InboundMessage, key: UpdateKey, fingerprint: string, sealedCodeHash?: string): Promise<ReceiveOutcome> {
    const { store, log } = this.deps;
    const { channel, userId } = message.identity;
    const now = this.deps.clock.now();
    let locale = languageOf(message.languageCode, this.deps.defaultLocale);
    let handled: Handled;
    try {
      const snapshot = await store.snapshot(key, { userId });
      if (snapshot.seen) {
        if (snapshot.seen.fingerprint === fingerprint && snapshot.seen.status !== 'pending') {
          log.debug({ channel, update: key.updateKey }, 'repeated update ignored');
          return 'repeat';
        }
        if (snapshot.seen.fingerprint !== fingerprint) {
          log.warn({ channel, update: key.updateKey }, 'update key already used by another update (the platform restarted its ids, or a new bot): handled as new');
        }
      }
      const entry = await this.directory.get(channel, userId, snapshot.directoryVersion);
      if (entry) locale = entry.contact.locale;
      handled = await this.route(message, entry, snapshot, now, locale, sealedCodeHash);
    } catch (error) {
      log.error({ err: describeThrown(error), channel, update: key.updateKey }, 'inbound update failed');
      await store.commit({ update: { ...key, fingerprint, status: 'failed' }, now }).catch(() => false);
      await this.deliver(message, { locale, replies: [{ lines: [{ key: 'dialog.internal_error' }] }] });
      return 'failed';
    }
    try {
      const written = await store.commit({ update: { ...key, fingerprint, status: 'done' }, now, ...handled.writes });
      if (!written) return 'repeat';
    } catch (error) {
      log.error({ err: describeThrown(error), channel, update: key.updateKey }, 'inbound update not stored');
      await this.deliver(message, { locale, replies: [{ lines: [{ key: 'dialog.internal_error' }] }] });
      return 'failed';
    }
    if (handled.entry) this.directory.remember(channel, userId, handled.entry);
    if (handled.dialog && handled.writes.dialog) this.dialogStates.remember(handled.writes.dialog.contactId, handled.writes.dialog.state, handled.dialog);
    await this.deliver(message, { locale: handled.locale, replies: handled.replies });
    await this.tellSubmitted(handled.writes.submissions, now);
    return 'handled';
  }

  /** Features that follow stored reports (a reviewer told of a report sent again); their failure never fails the update. */
  private async tellSubmitted(submissions: UpdateWrites['submissions'], now: Date): Promise<void> {
    if (!submissions?.length) return;
    for (const listener of this.deps.commands.submitted()) {
      await listener(submissions, now).catch((error: unknown) => this.deps.log.warn({ err: describeThrown(error) }, 'submission follow-up failed'));
    }
  }

  /** Registration, a command or button answered by a feature, or a step of the dialog engine. */
  private async route(message: InboundMessage, entry: DirectoryEntry | null, snapshot: StepSnapshot, now: Date, locale: Locale, sealedCodeHash?: string): Promise<Handled> {
    const { identity, input } = message;
    if (input.kind === 'unsupported') return { locale, replies: [{ lines: [{ key: 'inbound.text_only' }] }], writes: {} };
    const command = input.kind === 'text' ? parseCommand(input.text) : null;
    if (!entry || command?.name === 'start') {
      const result = await this.deps.registration.handle(identity, entry?.contact ?? null, input, command, now, sealedCodeHash);
      return { locale: result.locale ?? locale, replies: result.replies, writes: {} };
    }
    const contact = entry.contact;
    const presence = presenceWrite(entry, identity.channel, identity.chatId, now);
    const seen = presence ? { ...entry, chatId: presence.chatId, lastSeenAt: presence.lastSeenAt, unreachable: false, lastChannel: presence.lastChannel ?? entry.lastChannel } : undefined;
    const base = { writes: { presence }, entry: seen };
    const followUp = snapshot.followUp && input.kind === 'text' ? this.deps.commands.followUp() : undefined;
    if (followUp && input.kind === 'text') {
      const taken = await followUp(contact, input.text, command, now);
      if (taken) return { ...base, locale, replies: taken };
    }
    if (input.kind === 'button') {
      const [prefix = '', ...rest] = input.data.split(':');
      const handler = this.deps.commands.button(prefix);
      if (handler) return { ...base, locale, replies: await handler(contact, rest.join(':'), now) };
    }
    if (command?.name && !ENGINE_COMMANDS.has(command.name)) {
      const handler = this.deps.commands.command(command.name);
      const replies = handler ? await handler(contact, command.args, now) : [{ lines: [{ key: 'dialog.not_available_yet' }] }];
      return { ...base, locale, replies };
    }
    const state = this.dialogStates.load(contact.id, snapshot.dialog);
    const result = step(state, input, await this.context(entry, snapshot, now));
    return {
      ...base,
      locale: result.locale,
      replies: result.replies,
      dialog: result.state,
      writes: {
        presence,
        dialog: { contactId: contact.id, version: DIALOG_STATE_VERSION, state: saveDialogState(result.state) },
        ...effectWrites(result.effects, contact.id, identity.channel),
      },
    };
  }

  private async context(entry: DirectoryEntry, snapshot: StepSnapshot, now: Date): Promise<DialogContext> {
    const { forms, timeZone } = this.deps;
    const contact = entry.contact;
    const view = this.calendar.at(now);
    const reporting = contact.roles.filter((role) => role.role === 'reporter').map((role) => role.unitId);
    const beyond = { now, timeZone, reopened: entry.reopened, returned: await this.submissions.returned(reporting, snapshot.reportVersions) };
    const submitted = await this.submissions.find(optionKeys(contact, view, beyond), snapshot.reportVersions);
    const { options, upcoming } = reportingOptions(contact, view, submitted, beyond);
    return {
      now,
      timeZone,
      locale: contact.locale,
      contactName: contact.name,
      roles: [...new Set(contact.roles.map((role) => role.role))],
      options,
      upcoming,
      form: (formId, version) => forms.version(formId, version),
    };
  }

  /** Replies go out through the channel the update came from; a failed send is the channel's to log. */
  private async deliver(message: InboundMessage, result: InboundReplies): Promise<void> {
    const deliver = this.deliveries.get(message.identity.channel);
    if (!deliver || result.replies.length === 0) return;
    try {
      await deliver(message.identity, result);
    } catch (error) {
      this.deps.log.warn({ err: describeThrown(error), channel: message.identity.channel }, 'replies not delivered');
    }
  }
}

function keyOf(message: InboundMessage): UpdateKey {
  return { channel: message.identity.channel, botKey: message.botKey, updateKey: message.updateKey };
}

function languageOf(code: unknown, fallback: Locale): Locale {
  const short = (typeof code === 'string' ? code : '').slice(0, 2).toLowerCase();
  return short === 'en' ? 'en' : short === 'vi' ? 'vi' : fallback;
}

/** An Error as it is; anything else thrown (a string, a plain object) turned into one, so the log shows what it was. */
export function describeThrown(error: unknown): Error {
  if (error instanceof Error) return error;
  const name = (error as { constructor?: { name?: string } } | null)?.constructor?.name ?? typeof error;
  let text: string;
  try {
    text = JSON.stringify(error) ?? String(error);
  } catch {
    text = String(error);
  }
  return new Error(`non-Error thrown (${name}): ${text.slice(0, 500)}`);
}
