/**
 * Planned failures for the next calls of a method ('*' for any): an error answer of any status
 * (500, 502, 429 with `retry_after`…) or a dropped connection. Used to test the bot's retries
 * and back-off without depending on timing.
 */
import { ApiError } from './api-error.ts';
import type { InjectedFailure } from './types.ts';

/** Queues of failures per method name. */
export class FaultInjector {
  readonly #failures = new Map<string, InjectedFailure[]>();

  /** The next `times` calls of `method` fail as given. */
  add(method: string, failure: InjectedFailure, times: number): void {
    const list = this.#failures.get(method) ?? [];
    for (let i = 0; i < times; i += 1) list.push(failure);
    this.#failures.set(method, list);
  }

  /** Takes the failure planned for this call of `method` (its own queue first, then '*'). */
  take(method: string): InjectedFailure | undefined {
    for (const key of [method, '*']) {
      const list = this.#failures.get(key);
      const failure = list?.shift();
      if (list?.length === 0) this.#failures.delete(key);
      if (failure !== undefined) return failure;
    }
    return undefined;
  }

  /** Failures still planned, per method. */
  pending(): Record<string, number> {
    return Object.fromEntries([...this.#failures].map(([method, list]) => [method, list.length]));
  }

  /** Forgets every planned failure. */
  clear(): void {
    this.#failures.clear();
  }
}

/** The error answer of an injected failure (a default description per status when none is given). */
export function failureError(failure: InjectedFailure): ApiError {
  return new ApiError(failure.status, failure.description ?? defaultDescription(failure.status), failure.parameters);
}

function defaultDescription(status: number): string {
  if (status === 429) return 'Too Many Requests: retry after 1';
  if (status === 502) return 'Bad Gateway';
  if (status >= 500) return 'Internal Server Error';
  if (status === 403) return 'Forbidden: bot was blocked by the user';
  return `Error ${status}`;
}
