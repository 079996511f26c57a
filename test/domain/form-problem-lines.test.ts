import { readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/i18n/describe-error.ts';
import { FORMS_DIR, readFormFile, readFormFolder } from '../../src/storage/form-files.ts';
import { runCli } from '../support/run-process.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();

/** The shipped monthly form with four mistakes, each on a line the test finds in the text. */
function brokenMonthly(): { text: string; lines: { type: number; colour: number; reference: number; label: number } } {
  const text = readFileSync(join(FORMS_DIR, 'monthly_figures.yaml'), 'utf8')
    .replace('  - type: integer\n    name: inspections', '  - type: integr\n    name: inspections')
    .replace('  period: monthly\n', '  period: monthly\n  colour: red\n')
    .replace('constraint: ". >= 0 and . >= ${admitted}"', 'constraint: ". >= 0 and . >= ${admited}"')
    .replace('      vi: Số cuộc kiểm tra đã thực hiện\n', '');
  const lineOf = (needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;
  return { text, lines: { type: lineOf('type: integr'), colour: lineOf('colour: red'), reference: lineOf('${admited}'), label: lineOf('name: inspections') + 1 } };
}

describe('form problems name their file and line', () => {
  it('lists every problem of a broken form with its file and line', () => {
    const dir = tempDir();
    const { text, lines } = brokenMonthly();
    const path = join(dir, 'monthly_figures.yaml');
    writeFileSync(path, text);
    const result = readFormFile(path);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.length).toBeGreaterThanOrEqual(1);
    for (const problem of result.problems) expect(problem.file).toBe('monthly_figures.yaml');
    expect(result.problems.find((p) => p.code === 'forms.unknown_field')?.line).toBe(lines.colour);
  });

  it('names the line of each meaning problem once the shape is right', () => {
    const dir = tempDir();
    const { text, lines } = brokenMonthly();
    const path = join(dir, 'monthly_figures.yaml');
    writeFileSync(path, text.replace('  colour: red\n', ''));
    const result = readFormFile(path);
    if (result.ok) throw new Error('the broken form loaded');
    const byCode = new Map(result.problems.map((p) => [p.code, p.line]));
    expect(byCode.get('forms.unknown_type')).toBe(lines.type - 1);
    expect(byCode.get('forms.unknown_reference')).toBe(lines.reference - 1);
    expect(byCode.get('forms.missing_label_vi')).toBeGreaterThan(lines.type - 1);
  });

  it('says every problem, by file and line, when the bot reads a broken form folder', () => {
    const dir = tempDir();
    for (const name of ['weekly_status.yaml', 'yearly_ratings.yaml']) copyFileSync(join(FORMS_DIR, name), join(dir, name));
    writeFileSync(join(dir, 'monthly_figures.yaml'), brokenMonthly().text.replace('  colour: red\n', ''));
    let thrown: unknown;
    try {
      readFormFolder(dir);
    } catch (error) {
      thrown = error;
    }
    const text = describeError('vi', thrown);
    const [header, ...problems] = text.split('\n');
    expect(header).toMatch(/^Có \d+ lỗi trong các biểu mẫu báo cáo:$/);
    expect(problems.length).toBe(Number(/Có (\d+)/.exec(header ?? '')?.[1]));
    for (const line of problems) expect(line).toMatch(/^- monthly_figures\.yaml, dòng \d+: Biểu mẫu monthly_figures/);
    expect(describeError('en', thrown)).toContain('monthly_figures.yaml, line ');
  });

  it('shows the same file and line in forms validate', async () => {
    const dir = tempDir();
    const path = join(dir, 'monthly_figures.yaml');
    const { text, lines } = brokenMonthly();
    writeFileSync(path, text);
    const result = await runCli(['forms', 'validate', path], {});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`monthly_figures.yaml, dòng ${lines.colour}:`);
  }, 60_000);
});
