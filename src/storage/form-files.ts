import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFormSet, loadForm, parseFormText, type Form, type FormProblem } from '../domain/index.ts';
import { withProblemLines } from '../domain/forms/problem-lines.ts';
import { AppError } from '../shared/app-error.ts';

/** The folder of the shipped form definitions. */
export const FORMS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'forms');

/** A form read from a file, with the checksum of its definition (to notice edits without a new version). */
export interface FormFile {
  form: Form;
  raw: unknown;
  checksum: string;
  source: string;
}

/** Reads and checks one form file (YAML or JSON). */
export function readFormFile(path: string): { ok: true; file: FormFile } | { ok: false; problems: FormProblem[] } {
  const source = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { ok: false, problems: [{ formId: source, code: 'forms.file_unreadable', params: { source: path }, file: source }] };
  }
  const parsed = parseFormText(text, source);
  if (!parsed.ok) return { ok: false, problems: withProblemLines(parsed.problems, text, source) };
  const loaded = loadForm(parsed.value, source);
  if (!loaded.ok) return { ok: false, problems: withProblemLines(loaded.problems, text, source) };
  const checksum = createHash('sha256').update(JSON.stringify(withoutDisplayOnly(parsed.value))).digest('hex');
  return { ok: true, file: { form: loaded.form, raw: parsed.value, checksum, source } };
}

/**
 * Reads every form of a folder and checks them together (indicators may read another form). Any
 * problem stops with an AppError listing them, so a broken form never reaches reporters.
 */
export function readFormFolder(dir: string = FORMS_DIR): FormFile[] {
  const files: FormFile[] = [];
  const problems: FormProblem[] = [];
  const names = readdirSync(dir).filter((name) => /\.(ya?ml|json)$/i.test(name)).sort();
  for (const name of names) {
    const result = readFormFile(join(dir, name));
    if (result.ok) files.push(result.file);
    else problems.push(...result.problems);
  }
  const fileOf = new Map(files.map((file) => [file.form.id, file.source]));
  problems.push(...checkFormSet(files.map((file) => file.form)).map((problem) => ({ ...problem, file: fileOf.get(problem.formId) })));
  if (problems.length) throw new FormFolderError(problems);
  return files;
}

/** The shipped forms are broken; carries the problems for the operator. */
export class FormFolderError extends AppError {
  constructor(readonly problems: FormProblem[]) {
    super('cli.forms_invalid', { count: problems.length });
  }
}

/**
 * The definition as the checksum sees it: without `settings.short_title`, which only changes how a
 * button reads, not what is asked or stored, so it can be added to a form without a new version.
 */
function withoutDisplayOnly(value: unknown): unknown {
  const settings = (value as { settings?: Record<string, unknown> } | null)?.settings;
  if (!settings || !('short_title' in settings)) return value;
  const { short_title: _shortTitle, ...rest } = settings;
  return { ...(value as Record<string, unknown>), settings: rest };
}
