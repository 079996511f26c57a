import type { CommandName, ParsedCommand } from '../../dialog/commands.ts';
import type { Reply } from '../../dialog/replies.ts';
import type { ContactRecord } from '../ports.ts';
import type { SubmissionWrite } from './inbound-store.ts';

/** A command answered outside the dialog engine (supervisor queries, admin tasks). */
export type CommandHandler = (contact: ContactRecord, args: string, now: Date) => Promise<Reply[]>;

/** A button whose data starts with a registered prefix ("u:" for a unit picked from a list), answered outside the engine. */
export type ButtonHandler = (contact: ContactRecord, value: string, now: Date) => Promise<Reply[]>;

/**
 * A contact's next message while a feature waits for it (a reviewer's return reason): the replies when
 * the feature takes the message, null to let it go on to commands and the dialog as usual.
 */
export type FollowUpHandler = (contact: ContactRecord, text: string, command: ParsedCommand | null, now: Date) => Promise<Reply[] | null>;

/** Told after reports were stored (and committed), e.g. to tell a reviewer that a unit sent one again. */
export type SubmitListener = (writes: readonly SubmissionWrite[], now: Date) => Promise<void>;

/** Button prefixes the dialog engine owns. */
const ENGINE_BUTTON_PREFIXES = new Set(['a', 'c', 'p', 'e', 'l']);

/** Where features add their commands and buttons; the inbound pipeline looks them up. */
export class CommandRegistry {
  private readonly commands = new Map<CommandName, CommandHandler>();
  private readonly buttons = new Map<string, ButtonHandler>();
  private followUpHandler: FollowUpHandler | undefined;
  private readonly submitListeners: SubmitListener[] = [];

  /** Lets a feature answer a command the engine does not know (e.g. /tonghop). */
  registerCommand(name: CommandName, handler: CommandHandler): void {
    this.commands.set(name, handler);
  }

  /** Lets a feature answer buttons whose data is `<prefix>:<value>`; the engine's prefixes are refused. */
  registerButton(prefix: string, handler: ButtonHandler): void {
    if (ENGINE_BUTTON_PREFIXES.has(prefix)) throw new Error(`button prefix ${prefix} is the engine's`);
    this.buttons.set(prefix, handler);
  }

  /** Lets a feature take a contact's next message; asked only when the update's snapshot says one waits. */
  registerFollowUp(handler: FollowUpHandler): void {
    this.followUpHandler = handler;
  }

  /** Lets a feature act once a contact's reports are stored. */
  registerSubmitListener(listener: SubmitListener): void {
    this.submitListeners.push(listener);
  }

  followUp(): FollowUpHandler | undefined {
    return this.followUpHandler;
  }

  submitted(): readonly SubmitListener[] {
    return this.submitListeners;
  }

  command(name: CommandName): CommandHandler | undefined {
    return this.commands.get(name);
  }

  button(prefix: string): ButtonHandler | undefined {
    return this.buttons.get(prefix);
  }
}
