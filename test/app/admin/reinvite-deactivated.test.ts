import { afterEach, describe, expect, it } from 'vitest';
import { ContactAdminRepository } from '../../../src/storage/repositories/contact-admin-repository.ts';
import { TelegramBotHarness } from '../../support/telegram-bot-harness.ts';
import { useTempDirs } from '../../support/temp-dir.ts';

const tempDir = useTempDirs();
const FRIDAY_W48 = new Date('2026-11-27T03:00:00Z');
let bot: TelegramBotHarness | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('a deactivated contact invited again', () => {
  it('should be reactivated and registered with the new invitation only, and audited', async () => {
    bot = await TelegramBotHarness.start(tempDir(), { now: FRIDAY_W48 });
    const first = await bot.invite('STP', 'reporter');
    expect(await bot.say(7301, `/start ${first}`)).toContain('Chào mừng');
    const identity = await bot.prisma.channelIdentity.findFirstOrThrow({ where: { userId: '7301' } });
    await new ContactAdminRepository(bot.prisma).deactivate(String(identity.contactId), 'cli');
    expect(await bot.say(7301, '/baocao')).toMatch(/chưa đăng ký/);

    const again = await bot.invite('SYT', 'supervisor');
    expect(await bot.say(7301, `/start ${again}`)).toContain('Chào mừng');
    const contact = await bot.prisma.contact.findUniqueOrThrow({ where: { id: identity.contactId }, include: { roles: { include: { unit: true } } } });
    expect(contact.active).toBe(true);
    expect(contact.roles.map((role) => `${role.unit.code}:${role.role}`)).toEqual(['SYT:supervisor']);
    expect(await bot.prisma.contact.count({ where: { identities: { some: { userId: '7301' } } } })).toBe(1);
    expect(await bot.prisma.invite.count({ where: { usedAt: null } })).toBe(0);
    const audit = await bot.prisma.auditLog.findMany({ where: { entity: 'Contact', entityId: String(identity.contactId) }, orderBy: { id: 'asc' } });
    expect(audit.map((row) => row.action)).toEqual(['contact.deactivate', 'contact.reactivate']);
    expect(await bot.say(7301, '/tonghop')).not.toMatch(/trục trặc|chưa đăng ký/);
  });
});
