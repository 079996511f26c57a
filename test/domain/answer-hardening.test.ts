import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../src/domain/answers/parse-answer.ts';
import { loadForm } from '../../src/domain/index.ts';
import { normalizeFreeText } from '../../src/domain/text/normalize.ts';
import { cleanCell } from '../../src/app/admin/import-table.ts';
import { baseRawForm, sampleForm } from './form-fixtures.ts';

const form = sampleForm();

describe('a word after a number is never dropped silently', () => {
  it.each([
    ['count', '5 nghìn', '5000'],
    ['count', '5 ngàn', '5000'],
    ['count', '5ng', '5000'],
    ['count', '3k', '3000'],
    ['count', '3 K', '3000'],
    ['count', '2 triệu', '2000000'],
    ['count', '2tr', '2000000'],
    ['count', '1 tỷ', '1000000000'],
    ['count', '1 tỉ', '1000000000'],
    ['count', '4 trăm', '400'],
    ['count', '3 chục', '30'],
    ['count', '7 ngàn người', '7000'],
    ['count', '2 thousand', '2000'],
    ['count', '2 million', '2000000'],
    ['count', '2m', '2000000'],
    ['count', '1bn', '1000000000'],
    ['ratio', '1,5 triệu', '1500000'],
    ['ratio', '2.5k', '2500'],
    ['ratio', '0,5 nghìn', '500'],
  ])('%s ← %j is refused with the digits to type (%s)', (question, input, example) => {
    const result = parseAnswer(form, question, input, { count: 100 });
    expect(result).toMatchObject({ ok: false, error: { code: 'answers.number_multiplier', params: { example } } });
  });

  it.each([
    ['count', '12 abc'],
    ['count', '12 quả táo'],
    ['count', '5 quyển sách'],
    ['ratio', '12 xyz'],
    ['ratio', '1,5 gì đó'],
  ])('%s ← %j is refused naming the unknown word', (question, input) => {
    const result = parseAnswer(form, question, input, { count: 100 });
    expect(result).toMatchObject({ ok: false, error: { code: 'answers.number_unknown_word', params: { example: '12' } } });
  });

  it.each([
    ['count', '12 người', 12],
    ['count', '12 đảng viên', 12],
    ['count', '3 cuộc', 3],
    ['count', '2 chi bộ', 2],
    ['count', '4 Trường hợp', 4],
    ['count', '12 people', 12],
    ['count', '12.', 12],
    ['ratio', '12,5 %', 12.5],
    ['ratio', '12 phần trăm', 12],
  ])('%s ← %j keeps accepting a unit noun', (question, input, value) => {
    expect(parseAnswer(form, question, input, { count: 100 })).toEqual({ ok: true, value });
  });

  it('never stores a number other than the digits typed, whatever word follows them', () => {
    const word = fc.oneof(
      fc.constantFrom('nghìn', 'ngàn', 'k', 'triệu', 'tr', 'tỷ', 'trăm', 'chục', 'thousand', 'million', 'm', 'bn', 'người', 'cuộc', '%', 'abc', 'gì'),
      fc.string({ minLength: 1, maxLength: 8 }).filter((text) => !/\d/.test(text)),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.constantFrom('', ' '), word, (n, glue, suffix) => {
        const result = parseAnswer(form, 'count', `${n}${glue}${suffix}`, {});
        if (result.ok && result.value !== null) expect(result.value).toBe(n);
        if (result.ok && result.value !== null) expect(['nghin', 'ngan', 'k', 'trieu', 'tr', 'ty', 'tram', 'chuc', 'thousand', 'million', 'm', 'bn']).not.toContain(suffix.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
      }),
      { numRuns: 500 },
    );
  });
});

describe('text answers are normalised before they are checked and stored', () => {
  const minimum = (() => {
    const raw = baseRawForm() as { questions: Array<Record<string, unknown>> };
    raw.questions.push({ type: 'text', name: 'work', label: { vi: 'Việc đã làm', en: 'Work done' }, constraint: 'string-length(.) >= 3' });
    const loaded = loadForm(raw, 'min');
    if (!loaded.ok) throw new Error('fixture form does not load');
    return loaded.form;
  })();

  it.each([
    ['zero-width spaces', '\u200b\u200b\u200b'],
    ['a byte-order mark and joiners', '\ufeff\u200c\u200d\u2060'],
    ['direction marks', '\u200e\u200f\u202a\u202c'],
    ['Hangul fillers', '\u3164\u3164'],
    ['control characters', '\u0000\u0007\u001b'],
  ])('refuses an answer of only %s as empty', (_name, input) => {
    expect(parseAnswer(form, 'note_text', input)).toMatchObject({ ok: false, error: { code: 'answers.empty' } });
    expect(parseAnswer(form, 'optional_text', input)).toEqual({ ok: true, value: null });
  });

  it('does not count invisible characters toward string-length', () => {
    expect(parseAnswer(minimum, 'work', 'ab\u200b\u200b')).toMatchObject({ ok: false, error: { code: 'answers.constraint_failed' } });
    expect(parseAnswer(minimum, 'work', 'a\u200bb\u200bc')).toEqual({ ok: true, value: 'abc' });
  });

  it('stores text without direction overrides, in NFC, trimmed', () => {
    expect(parseAnswer(form, 'note_text', '  \u202eĐã họp\u202c chi bộ\u200b ')).toEqual({ ok: true, value: 'Đã họp chi bộ' });
    expect(parseAnswer(form, 'note_text', 'Đã họp chi bộ'.normalize('NFD'))).toEqual({ ok: true, value: 'Đã họp chi bộ' });
    expect(parseAnswer(form, 'note_text', 'Dòng 1\r\nDòng 2\u2028Dòng 3')).toEqual({ ok: true, value: 'Dòng 1\nDòng 2\nDòng 3' });
  });

  it('leaves no format or control character in any stored text answer', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'binary' }), (typed) => {
        const result = parseAnswer(form, 'optional_text', typed);
        if (!result.ok || result.value === null) return;
        const value = result.value as string;
        expect(value).toBe(value.normalize('NFC'));
        expect(value).toBe(value.trim());
        expect(/[\p{Cf}\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u.test(value)).toBe(false);
        expect(normalizeFreeText(value)).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('names from roster files are cleaned the same way', () => {
  it('removes invisible and direction characters from an imported cell', () => {
    expect(cleanCell('\u200b Nguyễn\u202e Văn A\ufeff ')).toBe('Nguyễn Văn A');
    expect(cleanCell('\u200b\u200b')).toBe('');
  });
});
