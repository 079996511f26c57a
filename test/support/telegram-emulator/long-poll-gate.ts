/**
 * Keeps at most one `getUpdates` long poll open, as the real server does: a newer call ends the
 * parked one with 409 `terminated by other getUpdates request`, setting a webhook ends it with
 * the webhook conflict, and closing the emulator ends it with an empty result.
 */
import { conflict, type ApiError } from './api-error.ts';

/** One parked poll: its signal aborts when it must end, and `error` says how to answer. */
export interface ParkedPoll {
  signal: AbortSignal;
  error: ApiError | undefined;
  end(): void;
}

/** The single active long poll. */
export class LongPollGate {
  #active: { controller: AbortController; poll: ParkedPoll } | undefined;

  /** Opens a poll, ending the previous one; the poll also ends when `clientGone` aborts. */
  begin(clientGone: AbortSignal): ParkedPoll {
    this.endActive(conflict('terminated by other getUpdates request; make sure that only one bot instance is running'));
    const controller = new AbortController();
    const onGone = (): void => controller.abort();
    clientGone.addEventListener('abort', onGone, { once: true });
    const poll: ParkedPoll = {
      signal: controller.signal,
      error: undefined,
      end: () => {
        clientGone.removeEventListener('abort', onGone);
        if (this.#active?.poll === poll) this.#active = undefined;
      },
    };
    this.#active = { controller, poll };
    if (clientGone.aborted) controller.abort();
    return poll;
  }

  /** Ends the parked poll, answering `error` (or an empty result when undefined). */
  endActive(error?: ApiError): void {
    const active = this.#active;
    if (active === undefined) return;
    this.#active = undefined;
    active.poll.error = error;
    active.controller.abort();
  }
}
