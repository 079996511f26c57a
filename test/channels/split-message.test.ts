import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitMessage } from '../../src/channels/split-message.ts';

const ZALO_MESSAGE_LIMIT = 2000;

describe('splitMessage', () => {
  it.each([
    ['an empty text', '', 10, []],
    ['a blank text', ' \n \n', 10, []],
    ['a short text', 'Xin chào', 10, ['Xin chào']],
    ['a text exactly at the limit', 'abcdefghij', 10, ['abcdefghij']],
    ['lines packed greedily', '1. Có\n2. Không\n3. Khác', 12, ['1. Có', '2. Không', '3. Khác']],
    ['two lines per part', 'aaa\nbbb\nccc\nddd', 7, ['aaa\nbbb', 'ccc\nddd']],
    ['a long line at a word boundary', 'một hai ba bốn năm', 8, ['một hai', 'ba bốn', 'năm']],
    ['a long word hard-split', 'abcdefghijkl', 5, ['abcde', 'fghij', 'kl']],
    ['blank lines at a boundary dropped', 'aaaa\n\n\nbbbb', 5, ['aaaa', 'bbbb']],
    ['a blank line inside a part kept', 'a\n\nb\ncccccc', 6, ['a\n\nb', 'cccccc']],
  ])('should split %s', (_name, text, limit, expected) => {
    expect(splitMessage(text, limit)).toEqual(expected);
  });

  it('should default to the 2000-character limit', () => {
    const text = Array.from({ length: 300 }, (_, i) => `${i + 1}. Đơn vị số ${i + 1}`).join('\n');
    const parts = splitMessage(text, ZALO_MESSAGE_LIMIT);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => part.length <= 2000)).toBe(true);
    expect(parts.join('\n')).toBe(text);
  });

  it('should not cut a surrogate pair when hard-splitting', () => {
    const parts = splitMessage('ab😀cd', 3);
    expect(parts).toEqual(['ab', '😀c', 'd']);
  });

  it('should refuse a nonsensical limit', () => {
    expect(() => splitMessage('abc', 1)).toThrow(RangeError);
  });

  it('should give the original back when joined with newlines, if every line fits', () => {
    const line = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes('\n') && s.trim().length > 0);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.integer({ min: 40, max: 120 }), (lines, limit) => {
        const text = lines.join('\n');
        const parts = splitMessage(text, limit);
        expect(parts.join('\n')).toBe(text);
        for (const part of parts) expect(part.length).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 300 },
    );
  });

  it('should keep every visible character in order, with no part over the limit or blank', () => {
    const text = fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('\n', ' ', '\n\n', 'từ ngữ ')), { maxLength: 60 }).map((chunks) => chunks.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 50 }), (input, limit) => {
        const parts = splitMessage(input, limit);
        const visible = (s: string): string => s.replace(/\s/g, '');
        expect(visible(parts.join(''))).toBe(visible(input));
        for (const part of parts) {
          expect(part.length).toBeLessThanOrEqual(limit);
          expect(part.trim().length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
