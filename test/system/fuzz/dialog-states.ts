/**
 * Checks that a dialog state survives persistence: what `loadDialogState` reads back from the saved
 * JSON is the same conversation (not a fresh one because the schema refused it, not a NaN turned null).
 */
import { expect } from 'vitest';
import { loadDialogState, saveDialogState, type DialogState } from '../../../src/dialog/dialog-state.ts';

/** An answer as JSON keeps it: -0 is written as 0 (harmless for a count); NaN or Infinity are not normalised, so they show. */
function asStored(value: unknown): unknown {
  if (typeof value === 'number' && Object.is(value, -0)) return 0;
  return value;
}

/** The parts of a state the schema keeps; the engine may carry extra display fields that loading drops. */
export function essentials(state: DialogState): unknown {
  return {
    v: state.v,
    mode: state.mode,
    active: state.active,
    periodChoices: state.periodChoices.map(({ unitId, formId, periodKey }) => ({ unitId, formId, periodKey })),
    sessions: Object.fromEntries(
      Object.entries(state.sessions).map(([key, s]) => [
        key,
        { unitId: s.unitId, formId: s.formId, formVersion: s.formVersion, periodKey: s.periodKey, answers: Object.fromEntries(Object.entries(s.answers).map(([name, value]) => [name, asStored(value)])), cursor: s.cursor, trail: s.trail, failures: s.failures, returnToReview: s.returnToReview, amending: s.amending },
      ]),
    ),
  };
}

/** Saves `state`, loads it back, asserts nothing was lost or reset, and returns the saved JSON. */
export function saveAndCheck(state: DialogState): string {
  const saved = saveDialogState(state);
  const reloaded = loadDialogState(saved);
  expect(essentials(reloaded)).toEqual(essentials(state));
  expect(loadDialogState(saveDialogState(reloaded))).toEqual(reloaded);
  return saved;
}

/** Asserts that a stored row's JSON loads as the state it holds, not as a fresh one. */
export function expectStoredStateLoads(json: string): DialogState {
  const stored = JSON.parse(json) as DialogState;
  const loaded = loadDialogState(json);
  expect(essentials(loaded)).toEqual(essentials(stored));
  return loaded;
}
