import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { InboundReceiver } from '../../app/inbound/inbound-message.ts';
import { CONSOLE_USER_ID } from '../../app/ports.ts';
import type { Locale } from '../../domain/localized-text.ts';
import { translate } from '../../i18n/translator.ts';
import type { RunningChannel } from '../channel.ts';
import { renderAsNumberedText } from '../render-reply.ts';

export interface ConsoleChannelOptions {
  inbound: InboundReceiver;
  input: Readable;
  output: Writable;
  locale: Locale;
  /** Ctrl+C in the chat: the terminal gives it to the chat, not to the process, so the chat passes it on. */
  onInterrupt?: () => void;
  /** Whether the streams are a terminal; by default, whether the output is one. */
  terminal?: boolean;
}

/**
 * A chat in the terminal, for trying the bot with nothing else: each line typed is a message from the
 * console user, and the replies are printed as plain text with choices as numbered lines.
 */
export class ConsoleChannel implements RunningChannel {
  readonly name = 'console' as const;
  private readline: Interface | undefined;
  private counter = 0;
  private readonly session = Date.now().toString(36);
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly options: ConsoleChannelOptions) {}

  status(): 'running' | 'failed' {
    return 'running';
  }

  async start(): Promise<void> {
    const { input, output, locale } = this.options;
    this.options.inbound.attach('console', async (_identity, result) => {
      for (const reply of result.replies) output.write(`\n${renderAsNumberedText(reply, result.locale)}\n`);
    });
    output.write(`\n${translate(locale, 'console.welcome')}\n\n`);
    this.readline = createInterface({ input, output, prompt: '> ', ...(this.options.terminal === undefined ? {} : { terminal: this.options.terminal }) });
    // Without this, readline only pauses on the first Ctrl+C and the bot needs a second one to stop.
    this.readline.on('SIGINT', () => (this.options.onInterrupt ? this.options.onInterrupt() : process.kill(process.pid, 'SIGINT')));
    this.readline.on('line', (line) => {
      this.pending = this.pending.then(() => this.send(line));
    });
    this.readline.prompt();
  }

  async stop(): Promise<void> {
    this.readline?.close();
    await this.pending;
  }

  private async send(line: string): Promise<void> {
    const text = line.trim();
    if (text) {
      this.counter += 1;
      const updateKey = `${this.session}-${this.counter}`;
      await this.options.inbound.receive({
        identity: { channel: 'console', userId: CONSOLE_USER_ID, chatId: CONSOLE_USER_ID },
        botKey: 'console',
        updateKey,
        platformMessageId: updateKey,
        input: { kind: 'text', text },
      });
    }
    this.options.output.write('\n');
    this.readline?.prompt();
  }
}
