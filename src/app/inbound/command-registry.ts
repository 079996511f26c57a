import type { CommandName } from '../../dialog/commands.ts';
import type { Reply } from '../../dialog/replies.ts';
import type { ContactRecord } from '../ports.ts';

/** A command answered outside the dialog engine (supervisor queries, admin tasks). */
export type CommandHandler = (contact: ContactRecord, args: string, now: Date) => Promise<Reply[]>;

/** A button whose data starts with a registered prefix ("u:" for a unit picked from a list), answered outside the engine. */
export type ButtonHandler = (contact: ContactRecord, value: string, now: Date) => Promise<Reply[]>;

/** Button prefixes the dialog engine owns. */
const ENGINE_BUTTON_PREFIXES = new Set(['a', 'c', 'p', 'e', 'l']);

/** Where features add their commands and buttons; the inbound pipeline looks them up. */
export class CommandRegistry {
  private readonly commands = new Map<CommandName, CommandHandler>();
  private readonly buttons = new Map<string, ButtonHandler>();

  /** Lets a feature answer a command the engine does not know (e.g. /tonghop). */
  registerCommand(name: CommandName, handler: CommandHandler): void {
    this.commands.set(name, handler);
  }

  /** Lets a feature answer buttons whose data is `<prefix>:<value>`; the engine's prefixes are refused. */
  registerButton(prefix: string, handler: ButtonHandler): void {
    if (ENGINE_BUTTON_PREFIXES.has(prefix)) throw new Error(`button prefix ${prefix} is the engine's`);
    this.buttons.set(prefix, handler);
  }

  command(name: CommandName): CommandHandler | undefined {
    return this.commands.get(name);
  }

  button(prefix: string): ButtonHandler | undefined {
    return this.buttons.get(prefix);
  }
}
