import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderAsNumberedText } from '../../src/channels/render-reply.ts';
import { renderForTelegram } from '../../src/channels/telegram/telegram-render.ts';
import { initialDialogState } from '../../src/dialog/dialog-state.ts';
import { step } from '../../src/dialog/engine.ts';
import { loadForm, shortenTitle } from '../../src/domain/index.ts';
import { FORMS_DIR, readFormFile } from '../../src/storage/form-files.ts';
import { parseHtml } from '../support/telegram-emulator/html-text.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { context, option } from './dialog-fixtures.ts';

const tempDir = useTempDirs();

/** Three periods open at once for one unit, plus last week's still open: what a reporter sees at year's end. */
function menu(locale: 'vi' | 'en' = 'vi') {
  const ctx = context([option('weekly_status', '2026-W47'), option('weekly_status', '2026-W48'), option('monthly_figures', '2026-11'), option('yearly_ratings', '2026')], { locale });
  const result = step(initialDialogState(), { kind: 'text', text: '/baocao' }, ctx);
  const reply = result.replies[0];
  if (!reply) throw new Error('no reply');
  return reply;
}

describe('the period menu shows what tells each choice apart', () => {
  it('starts every Telegram button with the form’s short name and the period, within the button limit', () => {
    const [message] = renderForTelegram(menu(), 'vi');
    const buttons = message?.extra.reply_markup?.inline_keyboard.flat().map((button) => button.text) ?? [];
    expect(buttons.slice(0, 4)).toEqual([
      '1. Tiến độ tuần, tuần 47/2026 · Sở Tư pháp',
      '2. Tiến độ tuần, tuần 48/2026 · Sở Tư pháp',
      '3. Số liệu tháng, tháng 11/2026 · Sở Tư pháp',
      '4. Xếp loại năm, năm 2026 · Sở Tư pháp',
    ]);
    for (const label of buttons) expect(Array.from(label).length).toBeLessThanOrEqual(60);
    expect(new Set(buttons).size).toBe(buttons.length);
  });

  it('lists every choice in full in the Telegram message, numbered like the buttons', () => {
    const [message] = renderForTelegram(menu(), 'vi');
    const text = parseHtml(message?.text ?? '').text;
    expect(text).toContain('1. Báo cáo tiến độ hằng tuần thực hiện Kế hoạch 26-KH/BCSĐ — Sở Tư pháp — tuần 47/2026');
    expect(text).toContain('4. Kết quả đánh giá, xếp loại hằng năm theo Kế hoạch 26-KH/BCSĐ — Sở Tư pháp — năm 2026');
  });

  it('speaks English on English buttons', () => {
    const [message] = renderForTelegram(menu('en'), 'en');
    expect(message?.extra.reply_markup?.inline_keyboard[3]?.[0]?.text).toBe('4. Yearly ratings, 2026 · Sở Tư pháp');
  });

  it('keeps the full numbered lines on Zalo and in the terminal, once', () => {
    const text = renderAsNumberedText(menu(), 'vi');
    expect(text.match(/Kết quả đánh giá, xếp loại hằng năm/g)).toHaveLength(1);
    expect(text).toContain('3. Số liệu hằng tháng thực hiện Kế hoạch 26-KH/BCSĐ — Sở Tư pháp — tháng 11/2026');
  });
});

describe('a form’s short title', () => {
  it('comes from settings.short_title, or from the title’s first words', () => {
    expect(shortenTitle({ vi: 'Kết quả đánh giá, xếp loại hằng năm theo Kế hoạch 26-KH/BCSĐ', en: 'Ratings' })).toEqual({ vi: 'Kết quả đánh giá, xếp…', en: 'Ratings' });
    const raw = parse(readFileSync(join(FORMS_DIR, 'yearly_ratings.yaml'), 'utf8')) as { settings: Record<string, unknown> };
    delete raw.settings.short_title;
    const loaded = loadForm(raw, 'test');
    expect(loaded.ok && loaded.form.shortTitle.vi).toBe('Kết quả đánh giá, xếp…');
  });

  it('refuses a short title without Vietnamese', () => {
    const raw = parse(readFileSync(join(FORMS_DIR, 'yearly_ratings.yaml'), 'utf8')) as { settings: Record<string, unknown> };
    raw.settings.short_title = { en: 'Ratings' };
    const loaded = loadForm(raw, 'test');
    expect(loaded.ok).toBe(false);
  });

  it('can be added to a stored form without a new version: the checksum ignores it', () => {
    const dir = tempDir();
    const raw = parse(readFileSync(join(FORMS_DIR, 'monthly_figures.yaml'), 'utf8')) as { settings: Record<string, unknown> };
    const withShort = readFormFile(join(FORMS_DIR, 'monthly_figures.yaml'));
    delete raw.settings.short_title;
    writeFileSync(join(dir, 'monthly_figures.yaml'), stringify(raw));
    const without = readFormFile(join(dir, 'monthly_figures.yaml'));
    expect(withShort.ok && without.ok && withShort.file.checksum === without.file.checksum).toBe(true);
    raw.settings.title = { vi: 'Khác', en: 'Other' };
    writeFileSync(join(dir, 'monthly_figures.yaml'), stringify(raw));
    const changed = readFormFile(join(dir, 'monthly_figures.yaml'));
    expect(changed.ok && withShort.ok && changed.file.checksum !== withShort.file.checksum).toBe(true);
  });
});
