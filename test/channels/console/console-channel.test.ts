import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../../src/main/create-bot.ts';
import { parseConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/logging/logger.ts';
import { createPrismaClient, migrateDatabase, type PrismaClient } from '../../../src/storage/database.ts';
import { seedDemoProvince } from '../../../src/storage/seed-demo.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
let bot: Bot | undefined;
afterEach(async () => bot?.stop());

/** The terminal chat over streams: what the person types, and what the screen shows. */
async function consoleChat(now: Date, options: { terminal?: boolean; onInterrupt?: () => void } = {}) {
  const path = join(tempDir(), 'bot.db');
  migrateDatabase(path);
  const prisma: PrismaClient = createPrismaClient(path);
  await seedDemoProvince(prisma);
  const logger = createLogger({ level: 'silent', pretty: false, secrets: [], destination: new PassThrough() });
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => (screen += String(chunk)));
  bot = await createBot(parseConfig({ DATABASE_URL: `file:${path}`, HTTP_PORT: '0' }), logger, { prisma, clock: { now: () => now }, scheduling: false, console: { input, output, ...options } });
  await bot.start();
  const channel = bot.channels.find((candidate) => candidate.name === 'console');
  if (!channel) throw new Error('the terminal chat should be on');
  const type = async (line: string) => {
    const before = screen.length;
    input.write(`${line}\n`);
    for (let waited = 0; waited < 5000 && !screen.slice(before).includes('\n> '); waited += 10) await new Promise((r) => setTimeout(r, 10));
    return screen.slice(before);
  };
  return { type, channel, prisma, press: (keys: string) => input.write(keys) };
}

describe('console channel', () => {
  it('should let the demo reporter complete a weekly report in the terminal, choices as numbered lines', async () => {
    const chat = await consoleChat(new Date('2026-11-27T03:00:00Z'));
    const first = await chat.type('/baocao');
    expect(first).toContain('Câu 1/5');
    expect(first).toContain('1. Đúng tiến độ\n2. Chậm\n3. Vướng mắc');
    for (const answer of ['1', '2', '1', 'Tổ chức hội nghị chuyên đề']) await chat.type(answer);
    expect(await chat.type('/boqua')).toContain('Tóm tắt báo cáo');
    expect(await chat.type('ok')).toContain('Đã nhận báo cáo tuần 48/2026 của Sở Tư pháp');
    await chat.channel.stop();
    const stored = await chat.prisma.submission.findFirstOrThrow({ include: { revisions: true } });
    expect(JSON.parse(stored.answers)).toEqual({ p1_progress: 'on_track', p2_progress: 'behind', p3_progress: 'on_track', work_done: 'Tổ chức hội nghị chuyên đề', support_needed: null });
    expect(stored.revisions[0]?.channel).toBe('console');
  });

  it('should stop the bot at the first Ctrl+C typed in the terminal chat', async () => {
    let interrupts = 0;
    const chat = await consoleChat(new Date('2026-11-27T03:00:00Z'), { terminal: true, onInterrupt: () => (interrupts += 1) });
    chat.press('\u0003');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(interrupts).toBe(1);
  });
});
