/**
 * What a channel needs of rendered replies, whatever the input was: Telegram parts non-empty, at most
 * 4096 characters, button data of 1–64 bytes; Zalo parts non-empty and at most 2000 characters.
 */
import { expect } from 'vitest';
import { renderAsNumberedText } from '../../../src/channels/render-reply.ts';
import { splitMessage } from '../../../src/channels/split-message.ts';
import { renderForTelegram, TELEGRAM_TEXT_LIMIT } from '../../../src/channels/telegram/telegram-render.ts';
import { ZALO_TEXT_LIMIT } from '../../../src/channels/zalo/zalo-client.ts';
import type { StepResult } from '../../../src/dialog/engine.ts';

/** Renders every reply for Telegram and checks the Bot API's limits. */
export function checkTelegramRendering(result: StepResult): void {
  for (const reply of result.replies) {
    const parts = renderForTelegram(reply, result.locale);
    expect(parts.length).toBeGreaterThan(0);
    for (const part of parts) {
      expect(part.text.trim().length).toBeGreaterThan(0);
      expect(part.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      const rows = part.extra.reply_markup?.inline_keyboard ?? [];
      for (const button of rows.flat()) {
        const bytes = Buffer.byteLength(button.callback_data, 'utf8');
        expect(bytes).toBeGreaterThanOrEqual(1);
        expect(bytes).toBeLessThanOrEqual(64);
      }
    }
  }
}

/** Renders every reply as numbered text split for Zalo and checks the platform's limit. */
export function checkZaloRendering(result: StepResult): void {
  for (const reply of result.replies) {
    const parts = splitMessage(renderAsNumberedText(reply, result.locale), ZALO_TEXT_LIMIT);
    expect(parts.length).toBeGreaterThan(0);
    for (const part of parts) {
      expect(part.trim().length).toBeGreaterThan(0);
      expect(part.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    }
  }
}
