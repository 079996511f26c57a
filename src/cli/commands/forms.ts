import type { Command } from 'commander';
import { isYesNoList, pickText, questionBounds, renderFormProblems, type Form } from '../../domain/index.ts';
import { readFormFile, readFormFolder } from '../../storage/form-files.ts';
import type { CliContext } from '../cli-context.ts';

/** A form as `forms show --json` prints it: every question with its type, bounds, choices and relevance. */
export function describeForm(form: Form) {
  return {
    form_id: form.id,
    version: form.version,
    title: form.title,
    short_title: form.shortTitle,
    period: form.period,
    schedule: form.schedule,
    reminders: form.reminders,
    escalate_after_days: form.escalateAfterDays,
    questions: form.questions.map((question) => ({
      name: question.name,
      type: question.listName ? `${question.type} ${question.listName}` : question.type,
      label: question.label,
      hint: question.hint ?? null,
      required: question.required,
      bounds: questionBounds(question),
      constraint: question.constraint?.source ?? null,
      constraint_message: question.constraintMessage ?? null,
      relevant: question.relevant?.source ?? null,
      choices: question.listName ? (form.choices[question.listName] ?? []).map((c) => ({ name: c.name, label: c.label })) : null,
      yes_no: question.listName ? isYesNoList(form.choices[question.listName] ?? []) : false,
    })),
    indicators: form.indicators.map((indicator) => ({
      id: indicator.id,
      label: indicator.label,
      numerator: indicator.numerator.expression.source,
      denominator: indicator.denominator.expression.source,
      denominator_form: indicator.denominator.formId,
      denominator_year: indicator.denominator.year,
      target: indicator.target,
      comparator: indicator.comparator,
      horizons: indicator.horizons,
      ytd: indicator.ytd,
    })),
  };
}

/** `forms list`, `forms show <form_id>` and `forms validate <file>`. */
export function registerFormsCommands(program: Command, ctx: CliContext): void {
  const forms = program.command('forms').description(ctx.t('cli_help.forms'));
  forms
    .command('list')
    .description(ctx.t('cli_help.forms_list'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action((options: { json?: boolean }) => {
      const list = readFormFolder().map(({ form }) => ({
        form_id: form.id,
        version: form.version,
        period: form.period,
        title: form.title,
        questions: form.questions.filter((q) => q.type !== 'note').length,
      }));
      if (options.json) return ctx.json(list);
      for (const item of list) ctx.say('cli.forms_list_line', { ...item, title: pickText(item.title, ctx.locale), period: ctx.t(`cli.period_${item.period}`) });
    });
  forms
    .command('show <form_id>')
    .description(ctx.t('cli_help.forms_show'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action((formId: string, options: { json?: boolean }) => {
      const found = readFormFolder().find(({ form }) => form.id === formId);
      if (!found) throw ctx.error('cli.form_not_found', { form: formId });
      const described = describeForm(found.form);
      if (options.json) return ctx.json(described);
      ctx.say('cli.form_title', { form: described.form_id, version: described.version, title: pickText(found.form.title, ctx.locale) });
      described.questions.forEach((q, index) => {
        ctx.say('cli.form_question', { number: index + 1, name: q.name, type: q.type, label: pickText(q.label, ctx.locale), required: q.required ? '*' : '' });
      });
    });
  forms
    .command('validate <file>')
    .description(ctx.t('cli_help.forms_validate'))
    .option('--json', ctx.t('cli_help.json_only'))
    .action((file: string, options: { json?: boolean }) => {
      const result = readFormFile(ctx.path(file));
      if (result.ok) {
        if (options.json) return ctx.json({ valid: true, form_id: result.file.form.id, version: result.file.form.version });
        return ctx.say('cli.form_valid', { form: result.file.form.id, version: result.file.form.version });
      }
      const lines = renderFormProblems(result.problems, (key, params) => ctx.t(key, params));
      if (options.json) ctx.json({ valid: false, problems: result.problems.map((p, i) => ({ ...p, message: lines[i] })) });
      else ctx.err(`${ctx.t('cli.form_invalid', { file })}\n${lines.map((l) => `- ${l}`).join('\n')}\n`);
      ctx.markFailed();
    });
}
