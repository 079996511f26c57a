/**
 * A loopback Telegram Bot API emulator for tests and benchmarks of the Telegram adapter.
 */
export { TelegramEmulator, DEFAULT_TOKEN, type SendStats } from './telegram-emulator.ts';
export type { PressInput } from './user-actions.ts';
export type { UserInput } from './update-factory.ts';
export type { CommandScope } from './bot-commands.ts';
export { SECRET_HEADER } from './webhook-dispatcher.ts';
export { parseHtml } from './html-text.ts';
export { SendRateLimiter, TokenBucket, DEFAULT_RATE_LIMIT, achievedRate } from './rate-limiter.ts';
export type * from './types.ts';
