/**
 * A problem found in a form definition: which form, which question (when there is one),
 * and a code with parameters that the admin tools render in Vietnamese or English.
 */
import type { FormCode, MessageParams } from '../messages.ts';

/** One reason a form is refused. */
export interface FormProblem {
  formId: string;
  question?: string;
  code: FormCode;
  params: MessageParams;
  /** The file the form was read from, when it came from one. */
  file?: string;
  /** The line of that file the problem is about (1-based), when it can be told. */
  line?: number;
}

/** Collects problems for one form while it is being checked. */
export class ProblemList {
  readonly items: FormProblem[] = [];

  constructor(public formId: string) {}

  /** Records a problem; `question` names the question it concerns, if any. */
  add(code: FormCode, params: MessageParams = {}, question?: string): void {
    this.items.push(question === undefined ? { formId: this.formId, code, params } : { formId: this.formId, question, code, params });
  }
}
