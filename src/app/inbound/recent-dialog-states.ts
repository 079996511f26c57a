import { DIALOG_STATE_VERSION, loadDialogState, type DialogState } from '../../dialog/dialog-state.ts';
import type { StepSnapshot } from './inbound-store.ts';

/** How many contacts' last states are kept: the conversations going on now, not the whole directory. */
const KEPT = 512;

/**
 * The dialog states this process wrote last, parsed, so that the next step of a conversation going on
 * does not parse and check its own output again. A kept state is used only when the stored text is
 * exactly what was written (another worker, a restart or a migration make it differ), and the engine
 * never changes a state in place.
 */
export class RecentDialogStates {
  private readonly states = new Map<number, { text: string; state: DialogState }>();

  load(contactId: number, stored: StepSnapshot['dialog']): DialogState {
    if (!stored || stored.version !== DIALOG_STATE_VERSION) return loadDialogState(null);
    const kept = this.states.get(contactId);
    if (kept && kept.text === stored.state) return kept.state;
    return loadDialogState(stored.state);
  }

  /** After the state's text is committed. */
  remember(contactId: number, text: string, state: DialogState): void {
    this.states.delete(contactId);
    this.states.set(contactId, { text, state });
    if (this.states.size > KEPT) this.states.delete(this.states.keys().next().value as number);
  }
}
