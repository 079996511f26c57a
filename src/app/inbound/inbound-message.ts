import type { Locale } from '../../domain/index.ts';
import type { DialogInput } from '../../dialog/engine.ts';
import type { Reply } from '../../dialog/replies.ts';
import type { SenderIdentity } from '../ports.ts';

/** What a channel reads from a platform update: everything the pipeline needs, nothing platform-shaped. */
export interface InboundMessage {
  identity: SenderIdentity;
  /** The bot that received it (Telegram's bot id, Zalo's bot id), so keys of another bot never collide. */
  botKey: string;
  /** The platform's key for the update (Telegram's update_id; Zalo's event and message id). */
  updateKey: string;
  /**
   * What tells this update from another one that reuses its key (the platform's message or callback id):
   * a redelivery carries the same, a platform that restarted its ids does not.
   */
  platformMessageId: string;
  input: DialogInput | { kind: 'unsupported' };
  /** The language the platform says the sender uses, for people who are not registered yet. */
  languageCode?: string;
}

/** What to say back, and in which language. */
export interface InboundReplies {
  locale: Locale;
  replies: Reply[];
}

/** How a channel sends the pipeline's replies to one chat; it renders them for its platform. */
export type ReplyDelivery = (identity: SenderIdentity, result: InboundReplies) => Promise<void>;

/** What happened to an update: handled now, a repeat of one handled before, or failed (and answered so). */
export type ReceiveOutcome = 'handled' | 'repeat' | 'failed';

/** Receiving as a channel sees it: hand over an update, get back what became of it once replies are sent. */
export interface InboundReceiver {
  /** Sends this channel's replies; set once by the channel when it starts. */
  attach(channel: SenderIdentity['channel'], deliver: ReplyDelivery): void;
  /**
   * Keeps an update in the database before it is handled, for platforms that may never send it again
   * (Zalo): after a crash, `replay` handles it. Invitation codes are kept only as hashes.
   */
  hold(message: InboundMessage): Promise<void>;
  /**
   * Handles one update end to end: recognises a repeat, orders it after the sender's earlier updates,
   * runs it, stores the outcome, sends the replies.
   */
  receive(message: InboundMessage): Promise<ReceiveOutcome>;
  /** Updates stored first and never handled (a crash), handled now in the order they came. */
  replay(channel: SenderIdentity['channel'], botKey: string): Promise<number>;
}
