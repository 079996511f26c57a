import type { Answers, Form } from '../../src/domain/index.ts';
import type { DialogContext, ReportingOption } from '../../src/dialog/dialog-context.ts';
import { initialDialogState, type DialogState } from '../../src/dialog/dialog-state.ts';
import { step, type StepResult } from '../../src/dialog/engine.ts';
import { renderAsNumberedText } from '../../src/channels/render-reply.ts';
import { readFormFolder } from '../../src/storage/form-files.ts';

export const FORMS: Map<string, Form> = new Map(readFormFolder().map(({ form }) => [form.id, form]));

export function formOf(id: string): Form {
  const form = FORMS.get(id);
  if (!form) throw new Error(`no form ${id}`);
  return form;
}

/** An open period of a form for the demo unit. */
export function option(formId: string, periodKey: string, extra: Partial<ReportingOption> = {}): ReportingOption {
  const form = formOf(formId);
  return {
    unitId: 4,
    unitName: 'Sở Tư pháp',
    formId,
    formTitle: form.title,
    formVersion: form.version,
    periodKey,
    periodType: form.period,
    opensAt: new Date('2026-11-26T01:00:00Z'),
    dueAt: new Date('2026-11-27T10:00:00Z'),
    closesAt: new Date('2026-12-01T05:00:00Z'),
    submitted: null,
    ...extra,
  };
}

export function context(options: ReportingOption[], extra: Partial<DialogContext> = {}): DialogContext {
  return {
    now: new Date('2026-11-27T03:00:00Z'),
    timeZone: 'Asia/Ho_Chi_Minh',
    locale: 'vi',
    contactName: 'Lê Thị Lan',
    roles: ['reporter'],
    options,
    upcoming: [],
    form: (id, version) => {
      const form = FORMS.get(id);
      return form && form.version === version ? form : undefined;
    },
    ...extra,
  };
}

/** A conversation driven through the real engine, with each reply rendered as the contact reads it. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export class Transcript {
  state: DialogState = initialDialogState();
  last: StepResult | undefined;
  readonly submitted: Array<{ answers: Answers; late: boolean; formId: string; periodKey: string }> = [];

  constructor(public ctx: DialogContext) {}

  send(text: string): string {
    return this.apply(step(this.state, { kind: 'text', text }, this.ctx));
  }

  press(data: string): string {
    return this.apply(step(this.state, { kind: 'button', data }, this.ctx));
  }

  /** The button data of the choice labelled `label` in the last reply. */
  optionData(label: string): string {
    const found = this.last?.replies.flatMap((r) => r.options ?? []).find((o) => o.label === label);
    if (!found) throw new Error(`no option ${label}`);
    return found.data;
  }

  private apply(result: StepResult): string {
    this.last = result;
    // Frozen: a step that changed a state in place would throw here (the inbound path reuses the states it wrote).
    this.state = deepFreeze(result.state);
    for (const effect of result.effects) {
      if (effect.kind === 'submit') this.submitted.push({ answers: effect.answers, late: effect.late, formId: effect.formId, periodKey: effect.periodKey });
      if (effect.kind === 'set_locale') this.ctx = { ...this.ctx, locale: effect.locale };
    }
    return result.replies.map((reply) => renderAsNumberedText(reply, result.locale)).join('\n---\n');
  }
}
