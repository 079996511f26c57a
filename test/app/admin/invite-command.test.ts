import { describe, expect, it } from 'vitest';
import { inviteCommand, type AdminCommandDeps } from '../../../src/app/admin-commands.ts';
import { hashInviteCode, normalizeInviteCode } from '../../../src/app/invite-codes.ts';
import type { ChannelName, ContactRecord } from '../../../src/app/ports.ts';
import type { Reply } from '../../../src/dialog/replies.ts';
import { cachedBotUsername } from '../../../src/main/wire-admin-commands.ts';
import { parseConfig } from '../../../src/config.ts';

const NOW = new Date('2026-11-27T03:00:00Z');
const UNITS = [
  { id: 1, code: 'UBND', name: 'Uỷ ban nhân dân tỉnh', parentId: null },
  { id: 2, code: 'SYT', name: 'Sở Y tế', parentId: 1 },
  { id: 3, code: 'SYT-CDC', name: 'Trung tâm Kiểm soát bệnh tật', parentId: 2 },
  { id: 4, code: 'STP', name: 'Sở Tư pháp', parentId: 1 },
];

function fakeDeps(channel: ChannelName) {
  const created: Array<{ codeHash: string; unitId: number; role: string; expiresAt: Date; createdBy: string }> = [];
  const deps: AdminCommandDeps = {
    units: {
      activeSubtree: async (roots) => {
        const scope = new Set(roots);
        for (const unit of UNITS) if (unit.parentId !== null && scope.has(unit.parentId)) scope.add(unit.id);
        return UNITS.filter((unit) => scope.has(unit.id));
      },
    },
    invites: { create: async (input) => (created.push(input), created.length) },
    lastChannel: async () => channel,
    botUsername: async () => 'baocao_bot',
    timeZone: 'Asia/Ho_Chi_Minh',
  };
  return { deps, created };
}

function admin(unitId: number, locale: 'vi' | 'en' = 'en'): ContactRecord {
  const unit = UNITS.find((item) => item.id === unitId);
  return { id: 42, name: 'Bảo', locale, roles: [{ role: 'admin', unitId, unitCode: unit?.code ?? '', unitName: unit?.name ?? '' }] };
}

const keys = (replies: Reply[]) => replies.flatMap((reply) => reply.lines.map((line) => ('key' in line ? line.key : line.text)));

describe('/moi (invite) command', () => {
  it('should show only the code on Zalo, and store a hash of that code for the unit and role', async () => {
    const { deps, created } = fakeDeps('zalo');
    const replies = await inviteCommand(deps)(admin(2), 'syt-cdc quản trị', NOW);
    expect(keys(replies)).toEqual(['admin.invite_created', 'admin.invite_code', 'admin.invite_send_code']);
    const codeLine = replies[0]?.lines[1];
    const code = codeLine && 'params' in codeLine ? String(codeLine.params?.code) : '';
    expect(created).toEqual([{ codeHash: hashInviteCode(normalizeInviteCode(code) ?? ''), unitId: 3, role: 'admin', expiresAt: new Date('2026-12-11T03:00:00Z'), createdBy: 'contact:42' }]);
  });

  it('should add the deep link on Telegram, with reporter as the default role', async () => {
    const { deps, created } = fakeDeps('telegram');
    const replies = await inviteCommand(deps)(admin(1), 'STP', NOW);
    expect(keys(replies)).toEqual(['admin.invite_created', 'admin.invite_code', 'admin.invite_link', 'admin.invite_send_telegram']);
    expect(created[0]).toMatchObject({ unitId: 4, role: 'reporter' });
  });

  it('should refuse non-admins, units out of scope, bad roles, and explain the usage', async () => {
    const { deps, created } = fakeDeps('telegram');
    const run = inviteCommand(deps);
    const reporter: ContactRecord = { ...admin(2), roles: [{ role: 'reporter', unitId: 2, unitCode: 'SYT', unitName: 'Sở Y tế' }] };
    expect(keys(await run(reporter, 'SYT', NOW))).toEqual(['admin.not_admin']);
    expect(keys(await run(admin(2), 'STP', NOW))).toEqual(['admin.unit_not_in_scope']);
    expect(keys(await run(admin(2), 'UBND', NOW))).toEqual(['admin.unit_not_in_scope']);
    expect(keys(await run(admin(2), '', NOW))).toEqual(['admin.invite_usage']);
    expect(keys(await run(admin(2), 'SYT boss', NOW))).toEqual(['admin.invite_bad_role', 'admin.invite_usage']);
    expect(created).toEqual([]);
  });

  it('should remember the bot username once known and ask again after a failure', async () => {
    const answers = [null, 'first_bot', 'second_bot'];
    let calls = 0;
    const lookup = cachedBotUsername(parseConfig({}), async () => answers[calls++] ?? null);
    expect([await lookup(), await lookup(), await lookup()]).toEqual([null, 'first_bot', 'first_bot']);
    expect(calls).toBe(2);
  });
});
