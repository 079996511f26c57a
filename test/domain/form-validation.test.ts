import { describe, expect, it } from 'vitest';
import { loadForm } from '../../src/domain/forms/form-loader.ts';
import { checkFormSet, collectIndicators } from '../../src/domain/forms/form-set.ts';
import { parseFormText } from '../../src/domain/forms/parse-form-text.ts';
import { renderFormProblems } from '../../src/domain/forms/render-problems.ts';
import type { FormProblem } from '../../src/domain/forms/form-problem.ts';
import { SHIPPED_FORM_IDS, baseRawForm, readShippedForm, shippedForm } from './form-fixtures.ts';

type RawQuestion = Record<string, unknown>;

function withQuestions(edit: (questions: RawQuestion[]) => void): Record<string, unknown> {
  const raw = baseRawForm();
  edit(raw.questions as RawQuestion[]);
  return raw;
}

function problemsOf(raw: unknown, source = 'sample.yaml'): FormProblem[] {
  const result = loadForm(raw, source);
  return result.ok ? [] : result.problems;
}

function question(questions: RawQuestion[], name: string): RawQuestion {
  const found = questions.find((q) => q.name === name);
  if (!found) throw new Error(name);
  return found;
}

describe('the shipped forms', () => {
  it.each(SHIPPED_FORM_IDS)('%s loads cleanly', (id) => {
    expect(loadForm(readShippedForm(id), `${id}.yaml`)).toMatchObject({ ok: true });
  });

  it('are consistent as a set, including cross-form indicators', () => {
    const forms = SHIPPED_FORM_IDS.map(shippedForm);
    expect(checkFormSet(forms)).toEqual([]);
    expect(collectIndicators(forms).map((i) => i.id).sort()).toEqual([
      'admission_rate',
      'cell_rated_good',
      'heads_party_members',
      'member_rated_good',
      'org_rated_good',
    ]);
  });

  it('use the plan’s Vietnamese rating terms', () => {
    const labels = shippedForm('yearly_ratings').questions.map((q) => q.label.vi ?? '');
    for (const term of ['Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ']) {
      expect(labels.some((label) => label.includes(term))).toBe(true);
    }
  });

  it('have a Vietnamese and an English label on every question and choice', () => {
    for (const form of SHIPPED_FORM_IDS.map(shippedForm)) {
      for (const q of form.questions) expect([form.id, q.name, q.label.vi, q.label.en].every(Boolean)).toBe(true);
      for (const list of Object.values(form.choices)) for (const c of list) expect(c.label.vi && c.label.en).toBeTruthy();
    }
  });

  it('default required to true, and false for notes', () => {
    const form = shippedForm('weekly_status');
    expect(form.questions.find((q) => q.name === 'work_done')?.required).toBe(true);
    expect(form.questions.find((q) => q.name === 'support_needed')?.required).toBe(false);
    expect(form.questions.find((q) => q.name === 'intro')?.required).toBe(false);
  });
});

describe('broken forms are refused, naming the form, the question and the problem', () => {
  it('refuses an unknown reference in a relevance', () => {
    const raw = withQuestions((qs) => (question(qs, 'ratio').relevant = '${nowhere} > 0'));
    expect(problemsOf(raw)).toEqual([
      { formId: 'sample', question: 'ratio', code: 'forms.unknown_reference', params: { field: 'relevant', name: 'nowhere' } },
    ]);
  });

  it('refuses an unknown reference in a constraint', () => {
    const raw = withQuestions((qs) => (question(qs, 'count').constraint = '. <= ${ghost}'));
    expect(problemsOf(raw)).toMatchObject([{ question: 'count', code: 'forms.unknown_reference', params: { name: 'ghost' } }]);
  });

  it('refuses a direct relevance cycle', () => {
    const raw = withQuestions((qs) => {
      question(qs, 'count').relevant = '${ratio} > 0';
      question(qs, 'ratio').relevant = '${count} > 0';
    });
    const problems = problemsOf(raw);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ formId: 'sample', question: 'count', code: 'forms.relevance_cycle' });
    expect(problems[0]?.params.cycle).toBe('count → ratio → count');
  });

  it('refuses a transitive relevance cycle', () => {
    const raw = withQuestions((qs) => {
      question(qs, 'count').relevant = '${ratio} > 0';
      question(qs, 'ratio').relevant = "${note_text} != ''";
      question(qs, 'note_text').relevant = '${count} > 1';
    });
    expect(problemsOf(raw)).toMatchObject([{ code: 'forms.relevance_cycle', params: { cycle: 'count → ratio → note_text → count' } }]);
  });

  it('refuses a question relevant on itself', () => {
    const raw = withQuestions((qs) => (question(qs, 'count').relevant = '${count} > 0'));
    expect(problemsOf(raw)).toMatchObject([{ question: 'count', code: 'forms.relevance_cycle' }]);
  });

  it('accepts a chain of relevance without a cycle', () => {
    const raw = withQuestions((qs) => {
      question(qs, 'ratio').relevant = '${count} > 0';
      question(qs, 'note_text').relevant = '${ratio} > 0';
    });
    expect(problemsOf(raw)).toEqual([]);
  });

  it('refuses an unknown question type', () => {
    const raw = withQuestions((qs) => (question(qs, 'ratio').type = 'percentage'));
    expect(problemsOf(raw)).toEqual([
      { formId: 'sample', question: 'ratio', code: 'forms.unknown_type', params: { type: 'percentage' } },
    ]);
  });

  it('refuses a select without its list name', () => {
    const raw = withQuestions((qs) => (question(qs, 'progress').type = 'select_one'));
    expect(problemsOf(raw)).toMatchObject([{ question: 'progress', code: 'forms.unknown_type' }]);
  });

  it('refuses an unknown choice list', () => {
    const raw = withQuestions((qs) => (question(qs, 'progress').type = 'select_one levels'));
    expect(problemsOf(raw)).toEqual([
      { formId: 'sample', question: 'progress', code: 'forms.unknown_choice_list', params: { list: 'levels' } },
    ]);
  });

  it('refuses a question without a Vietnamese label', () => {
    const raw = withQuestions((qs) => (question(qs, 'ratio').label = { en: 'Ratio' }));
    expect(problemsOf(raw)).toEqual([
      { formId: 'sample', question: 'ratio', code: 'forms.missing_label_vi', params: { field: 'label' } },
    ]);
  });

  it('refuses an empty Vietnamese label and a choice without one', () => {
    const raw = withQuestions((qs) => (question(qs, 'ratio').label = { vi: '  ', en: 'Ratio' }));
    ((raw.choices as Record<string, Array<Record<string, unknown>>>).progress![0]!).label = { en: 'On track' };
    expect(problemsOf(raw)).toMatchObject([
      { code: 'forms.missing_label_vi', params: { field: 'choices.progress.on_track' } },
      { question: 'ratio', code: 'forms.missing_label_vi' },
    ]);
  });

  it('refuses duplicate question names', () => {
    const raw = withQuestions((qs) => qs.push({ type: 'integer', name: 'count', label: { vi: 'Lặp' } }));
    expect(problemsOf(raw)).toEqual([
      { formId: 'sample', question: 'count', code: 'forms.duplicate_name', params: { name: 'count' } },
    ]);
  });

  it('refuses duplicate choices in a list', () => {
    const raw = baseRawForm();
    (raw.choices as Record<string, unknown[]>).progress!.push({ name: 'behind', label: { vi: 'Chậm lại' } });
    expect(problemsOf(raw)).toMatchObject([{ code: 'forms.duplicate_choice', params: { list: 'progress', name: 'behind' } }]);
  });

  it('refuses an expression syntax error with its position', () => {
    const raw = withQuestions((qs) => (question(qs, 'count').constraint = '. >= 0 and and . <= 5'));
    expect(problemsOf(raw)).toEqual([
      {
        formId: 'sample',
        question: 'count',
        code: 'forms.expression_syntax',
        params: { field: 'constraint', expression: '. >= 0 and and . <= 5', position: 12, found: 'and' },
      },
    ]);
  });

  it('refuses an unknown function and a wrong argument count', () => {
    const raw = withQuestions((qs) => {
      question(qs, 'count').constraint = 'round(.) = .';
      question(qs, 'ratio').relevant = 'selected(${topics})';
    });
    expect(problemsOf(raw)).toMatchObject([
      { question: 'count', code: 'forms.unknown_function', params: { name: 'round' } },
      { question: 'ratio', code: 'forms.wrong_argument_count', params: { name: 'selected', expected: 2 } },
    ]);
  });

  it('refuses the current value in a relevance', () => {
    const raw = withQuestions((qs) => (question(qs, 'ratio').relevant = '. > 0'));
    expect(problemsOf(raw)).toMatchObject([{ question: 'ratio', code: 'forms.current_value_outside_constraint' }]);
  });

  it('refuses a reference to a note', () => {
    const raw = withQuestions((qs) => {
      qs.unshift({ type: 'note', name: 'intro', label: { vi: 'Giới thiệu' } });
      question(qs, 'ratio').relevant = "${intro} = ''";
    });
    expect(problemsOf(raw)).toMatchObject([{ question: 'ratio', code: 'forms.reference_to_note', params: { name: 'intro' } }]);
  });

  it('refuses a missing field, an unknown field and an invalid value, naming the question', () => {
    const raw = withQuestions((qs) => {
      delete question(qs, 'count').label;
      question(qs, 'ratio').constrant = '. > 0';
      question(qs, 'note_text').required = 'yes';
    });
    expect(problemsOf(raw)).toEqual([
      { formId: 'sample', question: 'count', code: 'forms.missing_field', params: { path: 'questions.0.label' } },
      { formId: 'sample', question: 'ratio', code: 'forms.unknown_field', params: { path: 'questions.2.constrant' } },
      { formId: 'sample', question: 'note_text', code: 'forms.invalid_field', params: { path: 'questions.3.required' } },
    ]);
  });

  it('refuses a bad period type and a bad time', () => {
    const raw = baseRawForm();
    const settings = raw.settings as Record<string, unknown>;
    settings.period = 'daily';
    (settings.schedule as Record<string, Record<string, unknown>>).due!.time = '25:00';
    expect(problemsOf(raw).map((p) => [p.code, p.params.path])).toEqual([
      ['forms.invalid_field', 'settings.period'],
      ['forms.invalid_field', 'settings.schedule.due.time'],
    ]);
  });

  it('refuses a schedule due before it opens', () => {
    const raw = baseRawForm();
    const schedule = (raw.settings as Record<string, Record<string, Record<string, unknown>>>).schedule!;
    schedule.due = { from: 'start', offset_days: 0, time: '17:00' };
    expect(problemsOf(raw)).toMatchObject([{ formId: 'sample', code: 'forms.schedule_order' }]);
  });

  it('names the form by its source when it has no id', () => {
    const raw = baseRawForm();
    delete (raw.settings as Record<string, unknown>).form_id;
    expect(problemsOf(raw, 'broken.yaml')).toEqual([
      { formId: 'broken.yaml', code: 'forms.missing_field', params: { path: 'settings.form_id' } },
    ]);
  });

  it('refuses something that is not a form at all', () => {
    expect(problemsOf(['a'], 'list.yaml')).toEqual([
      { formId: 'list.yaml', code: 'forms.not_an_object', params: { source: 'list.yaml' } },
    ]);
  });

  it('reports several problems at once', () => {
    const raw = withQuestions((qs) => {
      question(qs, 'ratio').type = 'percent';
      question(qs, 'count').relevant = '${x} = 1';
    });
    expect(problemsOf(raw).map((p) => p.code)).toEqual(['forms.unknown_type', 'forms.unknown_reference']);
  });
});

describe('indicators in forms', () => {
  function withIndicator(indicator: Record<string, unknown>): Record<string, unknown> {
    return {
      ...baseRawForm(),
      indicators: [
        { id: 'share', label: { vi: 'Tỷ lệ' }, numerator: '${part}', denominator: '${count}', target: 0.9, comparator: '>', horizon: 2030, ...indicator },
      ],
    };
  }

  it('loads an indicator with defaults', () => {
    const result = loadForm(withIndicator({}), 'x');
    expect(result.ok && result.form.indicators[0]).toMatchObject({
      id: 'share',
      formId: 'sample',
      numerator: { formId: 'sample', year: 'same' },
      horizons: [2030],
      ytd: false,
    });
  });

  it('refuses an indicator reading an unknown question', () => {
    expect(problemsOf(withIndicator({ numerator: '${nope}' }))).toEqual([
      { formId: 'sample', code: 'forms.unknown_reference', params: { field: 'indicators.share.numerator', name: 'nope' } },
    ]);
  });

  it('refuses a cross-form indicator reading a form or a question that does not exist', () => {
    const result = loadForm(withIndicator({ denominator: { form: 'other', expression: '${total}' } }), 'x');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(checkFormSet([result.form])).toMatchObject([{ code: 'forms.unknown_form', params: { form: 'other' } }]);
    const monthly = shippedForm('monthly_figures');
    const other = loadForm(withIndicator({ denominator: { form: 'monthly_figures', expression: '${totals}' } }), 'x');
    expect(other.ok && checkFormSet([other.form, monthly, shippedForm('yearly_ratings')])).toMatchObject([
      { code: 'forms.unknown_reference', params: { name: 'monthly_figures.totals' } },
    ]);
  });

  it('refuses duplicate form ids in a set', () => {
    const weekly = shippedForm('weekly_status');
    expect(checkFormSet([weekly, weekly])).toMatchObject([{ code: 'forms.duplicate_form' }]);
  });
});

describe('form text and rendering', () => {
  it('parses YAML and keeps yes/no as strings', () => {
    const parsed = parseFormText('choices:\n  yes_no:\n    - name: yes\n', 'a.yaml');
    expect(parsed).toEqual({ ok: true, value: { choices: { yes_no: [{ name: 'yes' }] } } });
  });

  it('refuses YAML that does not parse, naming the line', () => {
    const parsed = parseFormText('settings:\n  form_id: [oops\n', 'bad.yaml');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems[0]).toMatchObject({ formId: 'bad.yaml', code: 'forms.text_not_parsed' });
  });

  it('renders problems as lines with a translate function', () => {
    const translate = (key: string, params: Record<string, string | number>): string =>
      `${key}(${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(',')})`;
    const lines = renderFormProblems(
      [
        { formId: 'f', question: 'q', code: 'forms.duplicate_name', params: { name: 'q' } },
        { formId: 'f', code: 'forms.schedule_order', params: { period: '2026' } },
      ],
      translate,
    );
    expect(lines).toEqual([
      'forms.problem_in_question(form=f,question=q,message=forms.duplicate_name(name=q))',
      'forms.problem_in_form(form=f,message=forms.schedule_order(period=2026))',
    ]);
  });
});
