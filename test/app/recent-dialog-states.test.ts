import { describe, expect, it } from 'vitest';
import { RecentDialogStates } from '../../src/app/inbound/recent-dialog-states.ts';
import { DIALOG_STATE_VERSION, initialDialogState, saveDialogState, type DialogState } from '../../src/dialog/dialog-state.ts';

const choosing: DialogState = { ...initialDialogState(), mode: 'choosing_period', periodChoices: [{ unitId: 3, formId: 'weekly_status', periodKey: '2026-W48' }] };

describe('recent dialog states', () => {
  it('should reuse the state this process wrote only while the stored text is exactly that', () => {
    const states = new RecentDialogStates();
    const text = saveDialogState(choosing);
    states.remember(7, text, choosing);
    expect(states.load(7, { version: DIALOG_STATE_VERSION, state: text })).toBe(choosing);
    // Another worker moved the conversation on: the stored text wins.
    const elsewhere = saveDialogState(initialDialogState());
    expect(states.load(7, { version: DIALOG_STATE_VERSION, state: elsewhere })).toEqual(initialDialogState());
    expect(states.load(7, null)).toEqual(initialDialogState());
    expect(states.load(7, { version: DIALOG_STATE_VERSION + 1, state: text })).toEqual(initialDialogState());
    expect(states.load(8, { version: DIALOG_STATE_VERSION, state: text })).toEqual(choosing);
    expect(states.load(8, { version: DIALOG_STATE_VERSION, state: '{not json' })).toEqual(initialDialogState());
  });

  it('should keep only the most recent conversations', () => {
    const states = new RecentDialogStates();
    const text = saveDialogState(choosing);
    for (let contactId = 1; contactId <= 600; contactId += 1) states.remember(contactId, text, choosing);
    expect(states.load(600, { version: DIALOG_STATE_VERSION, state: text })).toBe(choosing);
    expect(states.load(1, { version: DIALOG_STATE_VERSION, state: text })).not.toBe(choosing);
    expect(states.load(1, { version: DIALOG_STATE_VERSION, state: text })).toEqual(choosing);
  });
});
