import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { InboundHandler } from '../../app/inbound-handler.ts';
import { CONSOLE_USER_ID } from '../../app/ports.ts';
import type { Locale } from '../../i18n/locales.ts';
import { translate } from '../../i18n/translator.ts';
import type { RunningChannel } from '../channel.ts';
import { renderAsNumberedText } from '../render-reply.ts';

export interface ConsoleChannelOptions {
  inbound: InboundHandler;
  input: Readable;
  output: Writable;
  locale: Locale;
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
    output.write(`\n${translate(locale, 'console.welcome')}\n\n`);
    this.readline = createInterface({ input, output, prompt: '> ' });
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
      const result = await this.options.inbound.handle({
        identity: { channel: 'console', userId: CONSOLE_USER_ID, chatId: CONSOLE_USER_ID },
        updateKey: `${this.session}-${this.counter}`,
        payload: JSON.stringify({ text }),
        input: { kind: 'text', text },
      });
      for (const reply of result?.replies ?? []) this.options.output.write(`\n${renderAsNumberedText(reply, result?.locale ?? this.options.locale)}\n`);
    }
    this.options.output.write('\n');
    this.readline?.prompt();
  }
}
