import { describe, expect, it } from 'vitest';
import { AttemptThrottle } from '../../src/app/attempt-throttle.ts';
import { CommandRegistry } from '../../src/app/inbound/command-registry.ts';
import { InboundPipeline } from '../../src/app/inbound/inbound-pipeline.ts';
import type { InboundMessage, InboundReplies } from '../../src/app/inbound/inbound-message.ts';
import type { DirectoryEntry } from '../../src/app/inbound/inbound-store.ts';
import { hashInviteCode } from '../../src/app/invite-codes.ts';
import type { ContactRecord, InviteStore, SenderIdentity } from '../../src/app/ports.ts';
import { Registration } from '../../src/app/registration.ts';
import { renderAsNumberedText } from '../../src/channels/render-reply.ts';
import { periodWindow } from '../../src/domain/index.ts';
import { InMemoryFormCatalog } from '../../src/storage/repositories/form-repository.ts';
import { WEEKLY_REPORT_SCRIPT } from '../support/bench-population.ts';
import { formOf } from '../dialog/dialog-fixtures.ts';
import { MemoryInboundStore } from './memory-inbound-store.ts';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const WEEKLY = formOf('weekly_status');
/** An hour after the weekly report of 2026-W48 opened. */
const OPEN = new Date(periodWindow(WEEKLY, '2026-W48', TIME_ZONE).opensAt.getTime() + 3_600_000);

const LAN: ContactRecord = { id: 7, name: 'Lê Thị Lan', locale: 'vi', roles: [{ role: 'reporter', unitId: 4, unitCode: 'STP', unitName: 'Sở Tư pháp' }] };

/** Invitations in memory: one valid code, for the unit Sở Tư pháp. */
class MemoryInvites implements InviteStore {
  readonly redeemed: string[] = [];
  constructor(private readonly validHash: string) {}
  async redeem(codeHash: string) {
    this.redeemed.push(codeHash);
    if (codeHash !== this.validHash) return { ok: false as const, reason: 'unknown' as const };
    return { ok: true as const, contact: { ...LAN, id: 99, name: 'Người mới' }, unitName: 'Sở Tư pháp', role: 'reporter' as const };
  }
}

interface Setup {
  pipeline: InboundPipeline;
  store: MemoryInboundStore;
  commands: CommandRegistry;
  invites: MemoryInvites;
  sent: Array<{ identity: SenderIdentity; result: InboundReplies; text: string }>;
  logs: Array<{ level: string; message: string }>;
  clock: { now: Date };
}

function setup(): Setup {
  const store = new MemoryInboundStore();
  const entry: DirectoryEntry = { contact: LAN, identityId: 1, chatId: '42', lastSeenAt: new Date(OPEN.getTime() - 2 * 3_600_000), unreachable: false, lastChannel: 'telegram' };
  store.contacts.set('telegram:42', entry);
  const invites = new MemoryInvites(hashInviteCode('ABCDEFGHJK'));
  const commands = new CommandRegistry();
  const logs: Setup['logs'] = [];
  const log = (level: string) => (_details: object, message: string) => void logs.push({ level, message });
  const clock = { now: OPEN };
  const pipeline = new InboundPipeline({
    store,
    registration: new Registration(invites, new AttemptThrottle()),
    commands,
    forms: new InMemoryFormCatalog(new Map([[WEEKLY.id, new Map([[WEEKLY.version, WEEKLY]])]]), [WEEKLY.id]),
    clock: { now: () => clock.now },
    timeZone: TIME_ZONE,
    defaultLocale: 'vi',
    log: { debug: log('debug'), warn: log('warn'), error: log('error') },
  });
  const sent: Setup['sent'] = [];
  pipeline.attach('telegram', async (identity, result) => {
    sent.push({ identity, result, text: result.replies.map((reply) => renderAsNumberedText(reply, result.locale)).join('\n') });
  });
  return { pipeline, store, commands, invites, sent, logs, clock };
}

let counter = 0;
function message(text: string, extra: Partial<InboundMessage> & { userId?: string } = {}): InboundMessage {
  counter += 1;
  const userId = extra.userId ?? '42';
  return {
    identity: { channel: 'telegram', userId, chatId: userId },
    botKey: '777',
    updateKey: String(counter),
    platformMessageId: `m:${counter}`,
    input: { kind: 'text', text },
    ...extra,
  };
}

describe('the inbound pipeline', () => {
  it('should run a dialog step and write its state, its handled mark and the presence in one commit', async () => {
    const { pipeline, store, sent } = setup();
    expect(await pipeline.receive(message('/baocao'))).toBe('handled');
    expect(sent.at(-1)?.text).toContain('Câu 1/');
    expect(store.commits).toHaveLength(1);
    const [writes] = store.commits;
    expect(writes?.update.status).toBe('done');
    expect(writes?.dialog?.contactId).toBe(7);
    expect(writes?.presence?.lastSeenAt).toEqual(OPEN);
    await pipeline.receive(message('1'));
    expect(store.commits).toHaveLength(2);
    // Seen a moment ago, same chat, same channel: nothing to write about the contact.
    expect(store.commits[1]?.presence).toBeUndefined();
  });

  it('should not handle an update delivered twice, and say nothing the second time', async () => {
    const { pipeline, store, sent } = setup();
    const first = message('/baocao');
    expect(await pipeline.receive(first)).toBe('handled');
    expect(await pipeline.receive({ ...first })).toBe('repeat');
    expect(sent).toHaveLength(1);
    expect(store.commits).toHaveLength(1);
  });

  it('should handle and log a known key that comes with another message (ids restarted by the platform)', async () => {
    const { pipeline, sent, logs } = setup();
    await pipeline.receive(message('/baocao', { updateKey: '5' }));
    expect(await pipeline.receive(message('/trangthai', { updateKey: '5' }))).toBe('handled');
    expect(sent).toHaveLength(2);
    expect(sent[1]?.text).toMatch(/Tình hình báo cáo|kỳ/i);
    expect(logs.some((line) => line.level === 'warn' && line.message.includes('already used'))).toBe(true);
  });

  it('should keep a bot\'s update keys apart from another bot\'s', async () => {
    const { pipeline, sent } = setup();
    await pipeline.receive(message('/baocao', { updateKey: '9', botKey: 'old-bot' }));
    const same = message('/baocao', { updateKey: '9', botKey: 'new-bot' });
    expect(await pipeline.receive({ ...same, platformMessageId: 'm:9' })).toBe('handled');
    expect(sent).toHaveLength(2);
  });

  it('should keep one sender\'s updates in order even when the first is slow to store', async () => {
    const { pipeline, store, sent } = setup();
    await pipeline.receive(message('/baocao'));
    let first = true;
    store.beforeCommit = async () => {
      if (first) {
        first = false;
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    };
    await Promise.all([pipeline.receive(message('1')), pipeline.receive(message('2'))]);
    expect(sent.slice(1).map((s) => s.text.match(/Câu (\d)\//)?.[1])).toEqual(['2', '3']);
  });

  it('should apply the engine\'s effects in the same commit: a submitted report, a new language', async () => {
    const { pipeline, store, sent } = setup();
    for (const text of WEEKLY_REPORT_SCRIPT) await pipeline.receive(message(text));
    const submitted = store.commits.at(-1);
    expect(submitted?.submissions).toHaveLength(1);
    expect(submitted?.submissions?.[0]).toMatchObject({ unitId: 4, formId: 'weekly_status', periodKey: '2026-W48', contactId: 7, channel: 'telegram' });
    expect(submitted?.dialog).toBeDefined();
    // The report is seen at once by the next step (the submissions' version moved on).
    await pipeline.receive(message('/trangthai'));
    expect(sent.at(-1)?.text).toMatch(/đã gửi|Đã gửi|đã nộp/i);
    await pipeline.receive(message('/ngonngu en'));
    expect(store.commits.at(-1)?.locale).toEqual({ contactId: 7, locale: 'en' });
    expect(sent.at(-1)?.result.locale).toBe('en');
  });

  it('should read what a unit submitted once, and again only when that unit stores a report', async () => {
    const { pipeline, store } = setup();
    await pipeline.receive(message('/trangthai'));
    await pipeline.receive(message('/trangthai'));
    expect(store.submissionLookups).toBe(1);
    store.reportVersions.set(99, 5); // another unit reported: nothing to read again
    await pipeline.receive(message('/trangthai'));
    expect(store.submissionLookups).toBe(1);
    store.reportVersions.set(4, 1); // the contact's own unit did
    await pipeline.receive(message('/trangthai'));
    expect(store.submissionLookups).toBe(2);
  });

  it('should read a contact once while the directory does not change, and again when it does', async () => {
    const { pipeline, store } = setup();
    await pipeline.receive(message('/trangthai'));
    await pipeline.receive(message('/trangthai'));
    expect(store.contactLookups).toBe(1);
    store.directoryVersion += 1; // an admin changed something, in any process
    await pipeline.receive(message('/trangthai'));
    expect(store.contactLookups).toBe(2);
  });

  it('should keep a held update without its invitation code, and register from it on replay', async () => {
    const { pipeline, store, invites, sent } = setup();
    const start = message('/start ABCDE-FGHJK', { userId: '500', languageCode: 'vi' });
    await pipeline.hold(start);
    const [row] = [...store.updates.values()];
    expect(row?.status).toBe('pending');
    expect(row?.payload).not.toMatch(/ABCDE|FGHJK|abcde/i);
    expect(await pipeline.replay('telegram', '777')).toBe(1);
    expect(invites.redeemed).toEqual([hashInviteCode('ABCDEFGHJK')]);
    expect(sent.at(-1)?.text).toContain('Người mới');
    expect([...store.updates.values()][0]?.status).toBe('done');
    // Delivered again by the platform after the replay: a repeat.
    expect(await pipeline.receive(start)).toBe('repeat');
  });

  it('should answer politely, record the failure and not run a failed update again', async () => {
    const { pipeline, store, commands, sent, logs } = setup();
    commands.registerCommand('digest', async () => {
      throw new Error('database gone');
    });
    const failing = message('/tonghop');
    expect(await pipeline.receive(failing)).toBe('failed');
    expect(sent.at(-1)?.text).toMatch(/trục trặc/);
    expect([...store.updates.values()].at(-1)?.status).toBe('failed');
    expect(logs.some((line) => line.level === 'error')).toBe(true);
    expect(await pipeline.receive(failing)).toBe('repeat');
  });

  it('should send nothing when another delivery of the same update was stored first', async () => {
    const { pipeline, store, sent } = setup();
    const update = message('/baocao');
    store.beforeCommit = async (writes) => {
      store.updates.set(`telegram|777|${update.updateKey}`, { ...writes.update, status: 'done', payload: null });
    };
    expect(await pipeline.receive(update)).toBe('repeat');
    expect(sent).toHaveLength(0);
  });

  it('should forget update keys once past every redelivery window, at most once an hour', async () => {
    const { pipeline, store, clock } = setup();
    const old = message('/trangthai');
    await pipeline.receive(old);
    clock.now = new Date(OPEN.getTime() + 30 * 60_000);
    await pipeline.receive(message('/trangthai'));
    expect(store.forgetCalls).toHaveLength(1);
    clock.now = new Date(OPEN.getTime() + 8 * 24 * 3_600_000);
    await pipeline.receive(message('/trangthai'));
    expect(store.forgetCalls).toHaveLength(2);
    await new Promise((resolve) => setImmediate(resolve));
    // A week and a day later the first key is gone: the same update would be handled as new.
    expect([...store.updates.keys()].some((key) => key.endsWith(`|${old.updateKey}`))).toBe(false);
  });

  it('should ask an unregistered sender to register, and answer a sticker with a request for text', async () => {
    const { pipeline, sent } = setup();
    await pipeline.receive(message('xin chào', { userId: '600' }));
    expect(sent.at(-1)?.text).toMatch(/chưa đăng ký/);
    await pipeline.receive({ ...message('', { userId: '42' }), input: { kind: 'unsupported' } });
    expect(sent.at(-1)?.text).toMatch(/chữ|văn bản/);
  });
});
