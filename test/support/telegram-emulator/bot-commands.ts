/**
 * The bot's command menus (setMyCommands, getMyCommands, deleteMyCommands), stored per scope
 * and language as the Bot API does: up to 100 commands, names of 1–32 `a-z 0-9 _`, descriptions
 * of 1–256 characters, an optional two-letter `language_code`. Reads are exact: no fallback from
 * a language to the default list.
 */
import { badRequest } from './api-error.ts';
import { codePoints } from './message-content.ts';
import { readJsonParam, readOptionalString } from './param-readers.ts';
import type { BotCommand } from './types.ts';

/** A command scope, as `BotCommandScope` (`{ type: 'default' }` when absent). */
export interface CommandScope {
  type: 'default' | 'all_private_chats' | 'all_group_chats' | 'all_chat_administrators' | 'chat' | 'chat_administrators' | 'chat_member';
  chat_id?: number | string;
  user_id?: number;
}

const SCOPE_TYPES = new Set(['default', 'all_private_chats', 'all_group_chats', 'all_chat_administrators', 'chat', 'chat_administrators', 'chat_member']);

/** Command lists keyed by scope and language. */
export class CommandStore {
  readonly #lists = new Map<string, BotCommand[]>();

  /** `setMyCommands`. */
  set(params: Record<string, unknown>): true {
    const raw = readJsonParam(params, 'commands', "can't parse commands JSON object");
    if (!Array.isArray(raw)) throw badRequest('parameter "commands" must be an Array');
    if (raw.length > 100) throw badRequest('BOT_COMMANDS_TOO_MUCH');
    const commands = raw.map(checkCommand);
    const key = storeKey(params);
    if (commands.length === 0) this.#lists.delete(key);
    else this.#lists.set(key, commands);
    return true;
  }

  /** `getMyCommands`. */
  get(params: Record<string, unknown>): BotCommand[] {
    return this.#lists.get(storeKey(params)) ?? [];
  }

  /** `deleteMyCommands`. */
  delete(params: Record<string, unknown>): true {
    this.#lists.delete(storeKey(params));
    return true;
  }

  /** The stored list for a scope (default scope when absent) and language ('' or absent for all languages). */
  list(scope?: CommandScope, languageCode?: string): BotCommand[] {
    return [...(this.#lists.get(keyOf(scope ?? { type: 'default' }, languageCode ?? '')) ?? [])];
  }

  /** Forgets everything. */
  clear(): void {
    this.#lists.clear();
  }
}

function checkCommand(value: unknown): BotCommand {
  if (value === null || typeof value !== 'object') throw badRequest("can't parse BotCommand: object expected");
  const { command, description } = value as Record<string, unknown>;
  if (typeof command !== 'string' || command === '') throw badRequest('command must be non-empty');
  if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest('BOT_COMMAND_INVALID');
  if (typeof description !== 'string' || description.trim() === '') throw badRequest('command description must be non-empty');
  if (codePoints(description) > 256) throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
  return { command, description };
}

function storeKey(params: Record<string, unknown>): string {
  const language = readOptionalString(params, 'language_code') ?? '';
  if (language !== '' && !/^[a-z]{2}$/.test(language)) throw badRequest('LANG_CODE_INVALID');
  const scope = readJsonParam(params, 'scope', "can't parse BotCommandScope JSON object") ?? { type: 'default' };
  return keyOf(checkScope(scope), language);
}

function checkScope(value: unknown): CommandScope {
  const scope = value as Partial<CommandScope> | null;
  if (scope === null || typeof scope !== 'object' || typeof scope.type !== 'string' || !SCOPE_TYPES.has(scope.type)) {
    throw badRequest('unsupported bot command scope type specified');
  }
  const needsChat = scope.type === 'chat' || scope.type === 'chat_administrators' || scope.type === 'chat_member';
  if (needsChat && (scope.chat_id === undefined || scope.chat_id === '')) throw badRequest('chat_id is empty');
  if (scope.type === 'chat_member' && scope.user_id === undefined) throw badRequest('user_id is empty');
  return scope as CommandScope;
}

function keyOf(scope: CommandScope, language: string): string {
  const chat = scope.chat_id === undefined ? '' : `:${String(scope.chat_id)}`;
  const user = scope.user_id === undefined ? '' : `:${scope.user_id}`;
  return `${scope.type}${chat}${user}|${language}`;
}
