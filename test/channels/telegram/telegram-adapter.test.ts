import { describe, expect, it } from 'vitest';
import { renderForTelegram, TELEGRAM_TEXT_LIMIT } from '../../../src/channels/telegram/telegram-render.ts';
import { stripHtml } from '../../../src/channels/telegram/telegram-sender.ts';
import { toInboundMessage } from '../../../src/channels/telegram/telegram-updates.ts';
import { step } from '../../../src/dialog/engine.ts';
import { initialDialogState } from '../../../src/dialog/dialog-state.ts';
import { context, option } from '../../dialog/dialog-fixtures.ts';

const from = { id: 42, is_bot: false, first_name: 'Lan', last_name: 'Lê', language_code: 'vi' };

describe('Telegram updates to inbound messages', () => {
  it.each([
    ['a text message', { update_id: 1, message: { message_id: 5, chat: { id: 42, type: 'private' }, from, text: '/baocao' } }, { kind: 'text', text: '/baocao' }],
    ['a sticker', { update_id: 2, message: { message_id: 6, chat: { id: 42, type: 'private' }, from, sticker: {} } }, { kind: 'unsupported' }],
    ['a button press', { update_id: 3, callback_query: { id: 'q1', from, data: 'c:1.2', message: { message_id: 7, chat: { id: 42 } } } }, { kind: 'button', data: 'c:1.2' }],
  ])('should read %s', (_name, update, input) => {
    const message = toInboundMessage(update, '777');
    expect(message?.input).toEqual(input);
    expect(message?.identity).toEqual({ channel: 'telegram', userId: '42', chatId: '42', displayName: 'Lan Lê' });
    expect(message?.updateKey).toBe(String(update.update_id));
  });

  it.each([
    ['no update_id', { message: { message_id: 1, chat: { id: 1 }, from, text: 'x' } }],
    ['a group message', { update_id: 4, message: { message_id: 1, chat: { id: -100, type: 'group' }, from, text: 'x' } }],
    ['a message from a bot', { update_id: 5, message: { message_id: 1, chat: { id: 9, type: 'private' }, from: { id: 9, is_bot: true }, text: 'x' } }],
    ['an edited message', { update_id: 6, edited_message: { message_id: 1, chat: { id: 9 }, from, text: 'x' } }],
    ['a callback without data', { update_id: 7, callback_query: { id: 'q', from } }],
    ['garbage', 'not an update'],
    ['null', null],
  ])('should ignore %s', (_name, update) => {
    expect(toInboundMessage(update, '777')).toBeNull();
  });
});

describe('Telegram rendering', () => {
  it('should escape user text, keep callback data short and language-free, and number the buttons', () => {
    const ctx = context([option('weekly_status', '2026-W48', { unitName: 'Sở <Tư> pháp & Co' })]);
    const result = step(initialDialogState(), { kind: 'text', text: '/baocao' }, ctx);
    const [message] = renderForTelegram(result.replies[0]!, 'vi');
    expect(message?.text).toContain('Sở &lt;Tư&gt; pháp &amp; Co');
    expect(message?.text).toContain('<b>Câu 1/5</b>');
    const buttons = message?.extra.reply_markup?.inline_keyboard.flat() ?? [];
    expect(buttons.map((b) => b.text)).toEqual(['1. Đúng tiến độ', '2. Chậm', '3. Vướng mắc']);
    for (const button of buttons) {
      expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
      expect(button.callback_data).toMatch(/^[a-z]:[\d.]+$/);
    }
  });

  it('should split a text over 4096 characters on line boundaries, buttons on the last part', () => {
    const lines = Array.from({ length: 300 }, (_, i) => ({ text: `Dòng số ${i}: ${'nội dung '.repeat(3)}` }));
    const parts = renderForTelegram({ lines, actions: [[{ data: 'a:confirm', label: { key: 'dialog.button_confirm' } }]] }, 'vi');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
    expect(parts.slice(0, -1).every((p) => !p.extra.reply_markup)).toBe(true);
    expect(parts.at(-1)?.extra.reply_markup?.inline_keyboard[0]?.[0]?.callback_data).toBe('a:confirm');
    expect(parts.map((p) => p.text).join('\n')).toContain('Dòng số 299');
  });

  it('should fall back to plain text without tags', () => {
    expect(stripHtml('<b>Câu 1/5</b>\n&lt;mã&gt; &amp;')).toBe('Câu 1/5\n<mã> &');
  });
});
