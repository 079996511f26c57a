import type { Locale } from '../domain/index.ts';
import { parseCommand, type CommandName } from '../dialog/commands.ts';
import type { DialogContext } from '../dialog/dialog-context.ts';
import { step, ENGINE_COMMANDS, type DialogInput } from '../dialog/engine.ts';
import type { Reply } from '../dialog/replies.ts';
import { KeyedQueue } from './keyed-queue.ts';
import type { ContactRecord, ContactDirectory, DialogStore, FormCatalog, InboundLog, SenderIdentity, SenderLocks, SubmissionReader, Clock } from './ports.ts';
import type { Registration } from './registration.ts';
import { reportingOptions } from './reporting-options.ts';

/** An update from a channel, reduced to what the product needs. */
export interface InboundMessage {
  identity: SenderIdentity;
  /** Unique per channel (Telegram's update_id, Zalo's event and message id). */
  updateKey: string;
  /** The raw update, stored for replay after a crash. */
  payload: string;
  input: DialogInput | { kind: 'unsupported' };
  /** The language the platform says the sender uses, for people who are not registered yet. */
  languageCode?: string;
}

/** What to say back, and in which language. */
export interface InboundReplies {
  locale: Locale;
  replies: Reply[];
}

/** A command answered outside the dialog engine (supervisor queries, admin tasks), added by later features. */
export type CommandHandler = (contact: ContactRecord, args: string, now: Date) => Promise<Reply[]>;

/** A button whose data starts with a registered prefix ("u:" for a unit picked from a list), answered outside the engine. */
export type ButtonHandler = (contact: ContactRecord, value: string, now: Date) => Promise<Reply[]>;

export interface InboundDeps {
  contacts: ContactDirectory;
  inbound: InboundLog;
  dialogs: DialogStore;
  submissions: SubmissionReader;
  forms: FormCatalog;
  registration: Registration;
  clock: Clock;
  timeZone: string;
  defaultLocale: Locale;
  /** Needed only when several workers share the database; one process orders a sender's updates by itself. */
  locks?: SenderLocks;
  onError?: (error: unknown, message: InboundMessage) => void;
}

/**
 * The use case behind every channel: store the update, find who wrote, register them or run one
 * dialog step, and persist the outcome, one update at a time per sender. Returns the replies for the
 * channel to render, or null for an update already handled.
 */
export class InboundHandler {
  private readonly queue = new KeyedQueue();
  private readonly commands = new Map<CommandName, CommandHandler>();
  private readonly buttons = new Map<string, ButtonHandler>();

  constructor(private readonly deps: InboundDeps) {}

  /** Lets a feature answer a command the engine does not know (e.g. /tonghop). */
  registerCommand(name: CommandName, handler: CommandHandler): void {
    this.commands.set(name, handler);
  }

  /**
   * Lets a feature answer buttons whose data is `<prefix>:<value>`. Prefixes a, c, p, e and l belong
   * to the dialog engine.
   */
  registerButton(prefix: string, handler: ButtonHandler): void {
    if (['a', 'c', 'p', 'e', 'l'].includes(prefix)) throw new Error(`button prefix ${prefix} is the engine's`);
    this.buttons.set(prefix, handler);
  }

  handle(message: InboundMessage): Promise<InboundReplies | null> {
    const { channel, userId } = message.identity;
    const sender = `${channel}:${userId}`;
    return this.queue.run(sender, () => this.handleLocked(sender, message));
  }

  /** Across workers, a sender's lease keeps two processes from handling the same person at once. */
  private async handleLocked(sender: string, message: InboundMessage): Promise<InboundReplies | null> {
    const locks = this.deps.locks;
    if (!locks) return this.handleInOrder(message);
    if (!(await locks.acquire(sender))) {
      // Another worker is stuck on this person; the update stays stored and is handled on replay.
      return { locale: this.deps.defaultLocale, replies: [{ lines: [{ key: 'dialog.internal_error' }] }] };
    }
    try {
      return await this.handleInOrder(message);
    } finally {
      await locks.release(sender);
    }
  }

  private async handleInOrder(message: InboundMessage): Promise<InboundReplies | null> {
    const { inbound } = this.deps;
    const { channel } = message.identity;
    if ((await inbound.claim(channel, message.updateKey, message.payload)) === 'duplicate') return null;
    let locale: Locale = this.deps.defaultLocale;
    try {
      const now = this.deps.clock.now();
      const contact = await this.deps.contacts.findByIdentity(channel, message.identity.userId);
      if (contact) locale = contact.locale;
      else locale = languageOf(message.languageCode, this.deps.defaultLocale);
      if (message.input.kind === 'unsupported') {
        await inbound.finish(channel, message.updateKey);
        return { locale, replies: [{ lines: [{ key: 'inbound.text_only' }] }] };
      }
      const input = message.input;
      const command = input.kind === 'text' ? parseCommand(input.text) : null;
      if (!contact || command?.name === 'start') {
        const replies = await this.deps.registration.handle(message.identity, contact, input, command, now);
        await inbound.finish(channel, message.updateKey);
        return { locale: replies.locale ?? locale, replies: replies.replies };
      }
      await this.deps.contacts.touch(contact.id, message.identity, now);
      if (input.kind === 'button') {
        const [prefix = '', ...rest] = input.data.split(':');
        const buttonHandler = this.buttons.get(prefix);
        if (buttonHandler) {
          const replies = await buttonHandler(contact, rest.join(':'), now);
          await inbound.finish(channel, message.updateKey);
          return { locale, replies };
        }
      }
      const custom = command?.name && !ENGINE_COMMANDS.has(command.name) ? this.commands.get(command.name) : undefined;
      if (command?.name && !ENGINE_COMMANDS.has(command.name)) {
        const replies = custom ? await custom(contact, command.args, now) : [{ lines: [{ key: 'dialog.not_available_yet' }] }];
        await inbound.finish(channel, message.updateKey);
        return { locale, replies };
      }
      const state = await this.deps.dialogs.load(contact.id);
      const result = step(state, input, await this.context(contact, now));
      await this.deps.dialogs.commit(contact.id, result.state, result.effects, {
        now,
        channel,
        inbound: { channel, updateKey: message.updateKey },
      });
      return { locale: result.locale, replies: result.replies };
    } catch (error) {
      this.deps.onError?.(error, message);
      await inbound.fail(channel, message.updateKey).catch(() => undefined);
      return { locale, replies: [{ lines: [{ key: 'dialog.internal_error' }] }] };
    }
  }

  private async context(contact: ContactRecord, now: Date): Promise<DialogContext> {
    const { forms, submissions, timeZone } = this.deps;
    const { options, upcoming } = await reportingOptions(contact, forms.current(), submissions, now, timeZone);
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
}

function languageOf(code: unknown, fallback: Locale): Locale {
  const short = (typeof code === 'string' ? code : '').slice(0, 2).toLowerCase();
  return short === 'en' ? 'en' : short === 'vi' ? 'vi' : fallback;
}
