/**
 * The pure path of an inbound update, without I/O: the engine steps a registered reporter's
 * conversation (idle, choosing a period, mid-report, on the summary) with the inputs an adapter
 * produced, reloading the state from its saved JSON before every step as the app does, and the
 * replies are rendered for the channel.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { DialogContext } from '../../../src/dialog/dialog-context.ts';
import { loadDialogState, saveDialogState } from '../../../src/dialog/dialog-state.ts';
import { step, type DialogInput, type StepResult } from '../../../src/dialog/engine.ts';
import { context, option, Transcript } from '../../dialog/dialog-fixtures.ts';
import { saveAndCheck } from './dialog-states.ts';

/** A conversation to continue: its saved state and the context it runs in. */
export interface DialogStart {
  name: string;
  state: string;
  ctx: DialogContext;
}

/** Checks a step's replies as a channel renders them (throws on a problem). */
export type RenderCheck = (result: StepResult) => void;

function started(name: string, ctx: DialogContext, inputs: string[]): DialogStart {
  const t = new Transcript(ctx);
  for (const input of inputs) t.send(input);
  return Object.assign({ name, state: saveDialogState(t.state), ctx: t.ctx }, { [fc.toStringMethod]: () => `<reporter: ${name}>` });
}

/** Registered reporters in the states a real conversation passes through. */
export function dialogStarts(): DialogStart[] {
  const all = context([option('weekly_status', '2026-W48'), option('monthly_figures', '2026-10'), option('yearly_ratings', '2026')]);
  const weekly = context([option('weekly_status', '2026-W48')]);
  const amending = context([option('weekly_status', '2026-W48', {
    submitted: { answers: { p1_progress: 'on_track', p2_progress: 'behind', p3_progress: 'on_track', work_done: 'Đã triển khai', support_needed: null }, formVersion: 1, submittedAt: new Date('2026-11-26T09:00:00Z'), late: false },
  })]);
  return [
    started('idle', all, []),
    started('choosing a period', all, ['/baocao']),
    started('weekly, question 2', weekly, ['/baocao', '1']),
    started('weekly, question 2, English', { ...weekly, locale: 'en' }, ['/report', '1']),
    started('monthly, question 3', all, ['/baocao', '2', '3', '100']),
    started('yearly, question 3', all, ['/baocao', '3', '5', '3']),
    started('weekly, summary', weekly, ['/baocao', '1', '2', '1', 'Tổ chức hội nghị quán triệt Nghị quyết', '/boqua']),
    started('weekly, editing from the summary', weekly, ['/baocao', '1', '2', '1', 'Tổ chức hội nghị quán triệt Nghị quyết', '/boqua', 'sửa 2']),
    started('weekly, amending', amending, ['/baocao', '1']),
    started('cancelled with a draft', all, ['/baocao', '2', '3', '/huy']),
  ];
}

/**
 * Steps `start` with each input, reloading the state from JSON first and checking after each step
 * that the saved state loads back unchanged; then the reloaded state must take one more step.
 */
export function runDialog(start: DialogStart, inputs: DialogInput[], render: RenderCheck): void {
  let json = start.state;
  let ctx = start.ctx;
  for (const input of [...inputs, { kind: 'text', text: '/trangthai' } as const]) {
    const result = step(loadDialogState(json), input, ctx);
    expect(result.replies.length).toBeGreaterThan(0);
    render(result);
    json = saveAndCheck(result.state);
    for (const effect of result.effects) if (effect.kind === 'set_locale') ctx = { ...ctx, locale: effect.locale };
  }
}
