/**
 * What a Bot API method handler may touch: the emulator's state, passed explicitly so that each
 * group of methods lives in its own small file and can be read on its own.
 */
import type { CommandStore } from './bot-commands.ts';
import type { CallbackRegistry } from './callback-queries.ts';
import type { ChatRegistry } from './chat-registry.ts';
import type { LongPollGate } from './long-poll-gate.ts';
import type { MessageLog } from './message-log.ts';
import type { ParsedRequest } from './request-body.ts';
import type { ChatActionRecord, TgUser } from './types.ts';
import type { UpdateStore } from './update-store.ts';
import type { WebhookDispatcher } from './webhook-dispatcher.ts';

/** The emulator's state as seen by method handlers. */
export interface MethodContext {
  bot: TgUser;
  chats: ChatRegistry;
  messages: MessageLog;
  callbacks: CallbackRegistry;
  commands: CommandStore;
  updates: UpdateStore;
  webhook: WebhookDispatcher;
  polls: LongPollGate;
  chatActions: ChatActionRecord[];
  maxRecords: number;
  maxLongPollSeconds: number;
  /** Applies the sending limits to one send to `chatId`; throws 429 when over a limit. */
  admitSend(chatId: number): void;
}

/** Facts about the HTTP call being answered. */
export interface CallInfo {
  /** Aborted when the client goes away or the emulator closes. */
  signal: AbortSignal;
}

/** A Bot API method: returns the `result` or throws an ApiError. */
export type MethodHandler = (ctx: MethodContext, request: ParsedRequest, call: CallInfo) => unknown;
