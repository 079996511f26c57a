import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitTelegramHtml } from '../../../src/channels/telegram/split-html.ts';
import { escapeHtml, renderForTelegram, TELEGRAM_TEXT_LIMIT } from '../../../src/channels/telegram/telegram-render.ts';
import { parseHtml } from '../../support/telegram-emulator/html-text.ts';

/** What Telegram shows of a part, without the spaces and line breaks a split may drop. */
function shown(html: string): string {
  return parseHtml(html).text.replace(/\s+/g, '');
}

/** Every part valid on its own, within the limit, showing something, and together showing all. */
function expectValidParts(html: string, limit: number): string[] {
  const parts = splitTelegramHtml(html, limit);
  for (const part of parts) {
    expect(part.length).toBeLessThanOrEqual(limit);
    expect(() => parseHtml(part), part).not.toThrow();
    expect(parseHtml(part).text.trim()).not.toBe('');
  }
  expect(parts.map(shown).join('')).toBe(shown(html));
  return parts;
}

/** Lines as the Telegram renderer writes them: escaped text, some in bold or italics, a link now and then. */
const line = fc.tuple(
  fc.constantFrom('plain', 'b', 'i', 'b-i', 'a'),
  fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.constantFrom('Tổ chức hội nghị & quán triệt', 'a < b > c', '&&&&&&&&', '<b>không phải thẻ</b>', 'R&D', '👨‍👩‍👧‍👦🇻🇳'.repeat(5)),
    fc.array(fc.constantFrom('Đã', 'họp', 'chi', 'bộ', '&', '<', '>', '"x"'), { maxLength: 80 }).map((words) => words.join(' ')),
  ),
).map(([style, text]) => {
  const escaped = escapeHtml(text);
  if (style === 'b') return `<b>${escaped}</b>`;
  if (style === 'i') return `<i>${escaped}</i>`;
  if (style === 'b-i') return `<b>${escaped.slice(0, 0)}<i>${escaped}</i></b>`;
  if (style === 'a') return `<a href="https://example.vn/?a=1&amp;b=2">${escaped}</a>`;
  return escaped;
});

describe('Telegram HTML split into valid parts', () => {
  it('keeps a short message as it is', () => {
    expect(splitTelegramHtml('<b>Tóm tắt</b>\nA &amp; B', 4096)).toEqual(['<b>Tóm tắt</b>\nA &amp; B']);
    expect(splitTelegramHtml('<b> </b>\n', 4096)).toEqual([]);
  });

  it('never cuts an entity in two', () => {
    const html = '&amp;'.repeat(1000);
    const parts = expectValidParts(html, 100);
    for (const part of parts) expect(part).toMatch(/^(&amp;)+$/);
  });

  it('closes a bold answer at the end of a part and opens it again in the next', () => {
    const html = `<b>${'chữ '.repeat(200).trim()}</b>`;
    const parts = expectValidParts(html, 120);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part).toMatch(/^<b>.*<\/b>$/s);
  });

  it('reopens a link with its address', () => {
    const html = `<a href="https://example.vn/x">${'từ '.repeat(100)}</a>`;
    for (const part of expectValidParts(html, 100)) expect(part.startsWith('<a href="https://example.vn/x">')).toBe(true);
  });

  it('holds for any rendered text and any limit', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), fc.integer({ min: 64, max: 600 }), (lines, limit) => {
        expectValidParts(lines.join('\n'), limit);
      }),
      { numRuns: 400 },
    );
  });

  it('splits a summary with long answers into parts Telegram accepts, buttons on the last', () => {
    const answer = `Đã tổ chức “học tập” & quán triệt <Nghị quyết> ${'rất dài '.repeat(300)}`;
    const reply = {
      lines: [
        { key: 'dialog.summary_title', params: { form: 'Báo cáo', period: 'tuần 48/2026', unit: 'Sở Tư pháp' }, style: 'title' as const },
        ...Array.from({ length: 6 }, (_, index) => ({ text: `${index + 1}. ${answer}`, style: index % 2 ? ('plain' as const) : ('question' as const) })),
      ],
      options: [{ data: 'a:confirm', label: 'Gửi' }],
    };
    const parts = renderForTelegram(reply as never, 'vi');
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) {
      expect(part.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      expect(() => parseHtml(part.text)).not.toThrow();
    }
    expect(parts.at(-1)?.extra.reply_markup).toBeDefined();
    expect(parts.slice(0, -1).every((part) => part.extra.reply_markup === undefined)).toBe(true);
  });
});
