import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dir.ts';
import { audit, demoCli, FIXTURES, json, SLOW } from './admin-cli-support.ts';

const tempDir = useTempDirs();
const demo = (locale = 'vi') => demoCli(tempDir(), locale);

describe('cli: lists, deactivation and invitations', () => {
  it('should list units as a tree, hide deactivated ones unless --all, and list contacts with their channels', SLOW, async () => {
    const { path, cli } = await demo('en');
    expect((await cli('units', 'import', join(FIXTURES, 'units.csv'))).stdout).toBe('Import done: 2 added, 0 updated, 32 deactivated, 6 unchanged.\n');
    const active = json(await cli('units', 'list', '--json'));
    expect(active.map((row: { code: string }) => row.code)).toEqual(['UBND', 'HCTD', 'HCTD-CS1', 'SNV', 'STP', 'SYT', 'SYT-BVDK', 'SYT-BVNHI']);
    expect(active[2]).toMatchObject({ code: 'HCTD-CS1', kind: 'grassroots', parent: 'HCTD', active: true, depth: 2 });
    const all = json(await cli('units', 'list', '--all', '--json'));
    expect(all).toHaveLength(40);
    expect(all.find((row: { code: string }) => row.code === 'SYT-CDC')).toMatchObject({ active: false, parent: 'SYT' });
    expect((await cli('units', 'list')).stdout).toContain('    SYT-BVDK  Bệnh viện Đa khoa tỉnh  [grassroots]  (parent: SYT)\n');

    expect((await cli('contacts', 'import', join(FIXTURES, 'contacts.csv'))).status).toBe(0);
    const db = new Database(path);
    const an = db.prepare(`SELECT id FROM "Contact" WHERE externalKey = 'phone:0912345678'`).get() as { id: number };
    db.prepare(`INSERT INTO "ChannelIdentity" (contactId, channel, userId, chatId, unreachableAt) VALUES (?, 'telegram', '1', '1', 1764000000000)`).run(an.id);
    db.close();
    const supervisors = json(await cli('contacts', 'list', '--unit', 'SNV', '--role', 'supervisor', '--json'));
    expect(supervisors).toEqual([
      {
        id: an.id,
        externalKey: 'phone:0912345678',
        name: 'Nguyễn Văn An',
        phone: '0912345678',
        telegramUsername: 'nguyenvanan',
        active: true,
        roles: [{ unit: 'SNV', role: 'reporter' }, { unit: 'SNV', role: 'supervisor' }],
        channels: { telegram: true, zalo: false, unreachable: ['telegram'] },
      },
    ]);
    expect((await cli('contacts', 'list', '--unit', 'SNV', '--role', 'supervisor')).stdout).toContain('telegram (unreachable on telegram)');

    const off = await cli('contacts', 'deactivate', 'phone:0912345678', '--json');
    expect(json(off)).toEqual({ id: an.id, externalKey: 'phone:0912345678', name: 'Nguyễn Văn An', active: false, changed: true });
    expect(json(await cli('contacts', 'list', '--unit', 'SNV', '--json'))).toHaveLength(1);
    expect((await cli('contacts', 'deactivate', 'nobody')).stderr).toContain('There is no contact with id or key “nobody”.');
    expect(audit(path, 'contact.deactivate')).toEqual([{ actor: 'cli', entity: 'Contact', entityId: String(an.id), detail: JSON.stringify({ key: 'phone:0912345678', name: 'Nguyễn Văn An' }) }]);
  });

  it('should audit invitations created and revoked from the command line', SLOW, async () => {
    const { path, cli } = await demo('en');
    const created = json(await cli('invite', 'create', '--unit', 'STP', '--role', 'reporter', '--count', '3', '--json'));
    expect(created).toHaveLength(3);
    expect(json(await cli('invite', 'revoke', String(created[0].id), '--json'))).toEqual({ id: created[0].id, revoked: true });
    expect((await cli('invite', 'revoke', String(created[0].id))).status).toBe(1);
    expect(audit(path, 'invite.create').map((row) => [row.actor, row.entityId])).toEqual(created.map((row: { id: number }) => ['cli', String(row.id)]));
    expect(audit(path, 'invite.revoke').map((row) => [row.actor, row.entityId])).toEqual([['cli', String(created[0].id)]]);
  });
});
