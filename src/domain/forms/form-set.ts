/**
 * Checks what only the whole set of forms can tell: that form ids are unique and that
 * indicators reading another form's answers (e.g. admissions over last year's member count)
 * name a form that exists and questions it has.
 */
import type { Form, IndicatorDef } from './form-types.ts';
import type { FormProblem } from './form-problem.ts';

/** Problems across forms; an empty list means the set is consistent. */
export function checkFormSet(forms: readonly Form[]): FormProblem[] {
  const problems: FormProblem[] = [];
  const byId = new Map<string, Form>();
  for (const form of forms) {
    if (byId.has(form.id)) problems.push({ formId: form.id, code: 'forms.duplicate_form', params: { id: form.id } });
    byId.set(form.id, form);
  }
  for (const form of forms) {
    for (const indicator of form.indicators) {
      for (const which of ['numerator', 'denominator'] as const) {
        const side = indicator[which];
        if (side.formId === form.id) continue;
        const field = `indicators.${indicator.id}.${which}`;
        const target = byId.get(side.formId);
        if (!target) {
          problems.push({ formId: form.id, code: 'forms.unknown_form', params: { field, form: side.formId } });
          continue;
        }
        const names = new Set(target.questions.filter((q) => q.type !== 'note').map((q) => q.name));
        for (const ref of side.expression.references) {
          if (!names.has(ref)) problems.push({ formId: form.id, code: 'forms.unknown_reference', params: { field, name: `${side.formId}.${ref}` } });
        }
      }
    }
  }
  return problems;
}

/** Every indicator defined across a set of forms, in form order. */
export function collectIndicators(forms: readonly Form[]): IndicatorDef[] {
  return forms.flatMap((form) => form.indicators);
}
