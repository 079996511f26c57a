/**
 * Callback queries users made by pressing inline buttons, and the bot's answers to them. The Bot
 * API accepts one answer per query; a second answer, or one for an id it never issued, fails
 * with 400 `query is too old and response timeout expired or query ID is invalid`.
 */
import { badRequest } from './api-error.ts';
import { trimMap } from './bounded-log.ts';
import { LIMITS, codePoints } from './message-content.ts';
import { readBool, readOptionalString } from './param-readers.ts';
import type { CallbackRecord } from './types.ts';

/** Every callback query issued, answered or not (bounded). */
export class CallbackRegistry {
  readonly #queries = new Map<string, CallbackRecord>();

  constructor(readonly limit: number) {}

  /** Records a query the user just made. */
  add(record: CallbackRecord): void {
    this.#queries.set(record.id, record);
    trimMap(this.#queries, this.limit);
  }

  /** `answerCallbackQuery`: validates and marks the query answered. */
  answer(params: Record<string, unknown>): true {
    const id = readOptionalString(params, 'callback_query_id');
    if (id === undefined || id === '') throw badRequest('query_id is empty');
    const text = readOptionalString(params, 'text');
    if (text !== undefined && codePoints(text) > LIMITS.callbackAnswer) throw badRequest('MESSAGE_TOO_LONG');
    const query = this.#queries.get(id);
    if (query === undefined || query.answered) throw badRequest('query is too old and response timeout expired or query ID is invalid');
    const url = readOptionalString(params, 'url');
    query.answered = true;
    query.answer = {
      ...(text === undefined ? {} : { text }),
      ...(readBool(params, 'show_alert') ? { showAlert: true } : {}),
      ...(url === undefined ? {} : { url }),
    };
    return true;
  }

  /** Queries the bot has not answered yet, oldest first. */
  unanswered(): CallbackRecord[] {
    return [...this.#queries.values()].filter((query) => !query.answered);
  }

  /** A query by id. */
  get(id: string): CallbackRecord | undefined {
    return this.#queries.get(id);
  }

  /** Forgets everything. */
  clear(): void {
    this.#queries.clear();
  }
}
