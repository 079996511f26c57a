// Shared fixtures for the domain tests: the shipped forms, and a small form covering every question type.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadForm } from '../../src/domain/forms/form-loader.ts';
import type { Form } from '../../src/domain/forms/form-types.ts';
import { parseFormText } from '../../src/domain/forms/parse-form-text.ts';

const FORMS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'forms');

/** Names of the forms shipped with the product. */
export const SHIPPED_FORM_IDS = ['weekly_status', 'monthly_figures', 'yearly_ratings'] as const;

/** Reads and parses a shipped form file (not yet loaded). */
export function readShippedForm(id: string): unknown {
  const parsed = parseFormText(readFileSync(join(FORMS_DIR, `${id}.yaml`), 'utf8'), `${id}.yaml`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

/** Loads a form object or fails the test with its problems. */
export function mustLoad(raw: unknown, source = 'test'): Form {
  const result = loadForm(raw, source);
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.form;
}

/** Loads a shipped form. */
export function shippedForm(id: string): Form {
  return mustLoad(readShippedForm(id), `${id}.yaml`);
}

/** A minimal valid form object; tests copy and break it. */
export function baseRawForm(): Record<string, unknown> {
  return {
    settings: {
      form_id: 'sample',
      version: 1,
      title: { vi: 'Mẫu thử', en: 'Sample' },
      period: 'monthly',
      schedule: {
        opens: { from: 'end', offset_days: 0, time: '08:00' },
        due: { from: 'end', offset_days: 4, time: '17:00' },
        closes: { from: 'end', offset_days: 14, time: '17:00' },
      },
      reminders: { offsets_days: [-1, 0], daily_while_overdue: true },
      escalate_after_days: 3,
    },
    questions: [
      { type: 'integer', name: 'count', label: { vi: 'Số lượng', en: 'Count' }, constraint: '. >= 0 and . <= 500' },
      { type: 'integer', name: 'part', label: { vi: 'Trong đó', en: 'Of which' }, constraint: '. >= 0 and . <= ${count}', constraint_message: { vi: 'Không được lớn hơn tổng số.', en: 'Cannot exceed the total.' } },
      { type: 'decimal', name: 'ratio', label: { vi: 'Tỷ lệ', en: 'Ratio' } },
      { type: 'text', name: 'note_text', label: { vi: 'Ghi chú', en: 'Notes' } },
      { type: 'text', name: 'optional_text', required: false, label: { vi: 'Ý kiến khác', en: 'Other' } },
      { type: 'date', name: 'held_on', label: { vi: 'Ngày tổ chức', en: 'Held on' } },
      { type: 'select_one progress', name: 'progress', label: { vi: 'Tiến độ', en: 'Progress' } },
      { type: 'select_one yes_no', name: 'agreed', label: { vi: 'Đồng ý?', en: 'Agreed?' } },
      { type: 'select_multiple topics', name: 'topics', label: { vi: 'Nội dung', en: 'Topics' } },
      { type: 'integer', name: 'blocked_days', label: { vi: 'Số ngày vướng mắc', en: 'Days blocked' }, relevant: "${progress} = 'blocked'" },
    ],
    choices: {
      progress: [
        { name: 'on_track', label: { vi: 'Đúng tiến độ', en: 'On track' } },
        { name: 'behind', label: { vi: 'Chậm', en: 'Behind' } },
        { name: 'blocked', label: { vi: 'Vướng mắc', en: 'Blocked' } },
      ],
      yes_no: [
        { name: 'yes', label: { vi: 'Có', en: 'Yes' } },
        { name: 'no', label: { vi: 'Không', en: 'No' } },
      ],
      topics: [
        { name: 'training', label: { vi: 'Đào tạo', en: 'Training' } },
        { name: 'inspection', label: { vi: 'Kiểm tra', en: 'Inspection' } },
        { name: 'discipline', label: { vi: 'Kỷ luật đảng', en: 'Party discipline' } },
        { name: 'admission', label: { vi: 'Kết nạp đảng viên', en: 'Admission' } },
      ],
    },
  };
}

/** The sample form, loaded. */
export function sampleForm(): Form {
  return mustLoad(baseRawForm(), 'sample');
}
