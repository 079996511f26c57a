import { afterEach, describe, expect, it } from 'vitest';
import { ZaloOutboxTransport } from '../../../src/channels/zalo/zalo-outbox-sender.ts';
import type { OutboxPayload } from '../../../src/app/outbox-payload.ts';
import { ZaloEmulator } from '../../support/zalo-emulator.ts';

let zalo: ZaloEmulator | undefined;
afterEach(async () => {
  await zalo?.close();
  zalo = undefined;
});

const payload = (extra: Partial<OutboxPayload> = {}): OutboxPayload => ({
  locale: 'vi',
  reply: { lines: [{ key: 'notices.how_to_report' }], options: [{ data: 'x', label: 'Một' }] },
  ...extra,
});

describe('Zalo outbox transport', () => {
  it('should send numbered plain text, split at 2000 characters, and photos only with a public URL', async () => {
    zalo = await ZaloEmulator.start();
    const transport = new ZaloOutboxTransport({ token: zalo.token, apiRoot: zalo.url });
    const long: OutboxPayload = {
      locale: 'vi',
      reply: { lines: Array.from({ length: 60 }, (_, i) => ({ text: `Dòng ${i} ${'x'.repeat(50)}` })) },
      attachments: [
        { kind: 'photo', filename: 'chart.png', contentType: 'image/png', base64: 'AAAA' },
        { kind: 'photo', filename: 'chart2.png', contentType: 'image/png', base64: 'AAAA', url: 'https://example.org/chart.png', caption: { key: 'notices.how_to_report' } } as never,
      ],
    };
    const parts = transport.render(long);
    expect(parts.map((p) => p.kind)).toEqual(['text', 'text', 'photo']);
    for (const part of parts) expect(await transport.send('chat-1', part)).toEqual({ status: 'sent' });
    expect(zalo.sent.map((m) => m.text.length).every((n) => n <= 2000)).toBe(true);
    expect(zalo.state.photos.map((p) => [p.photo, p.caption])).toEqual([['https://example.org/chart.png', 'Gõ /baocao để báo cáo.']]);
    expect(transport.render(payload()).map((p) => (p.kind === 'text' ? p.text : ''))).toEqual(['Gõ /baocao để báo cáo.\n1. Một']);
  });

  it('should tell throttling, server errors, a refused contact and a permanent refusal apart', async () => {
    zalo = await ZaloEmulator.start();
    const transport = new ZaloOutboxTransport({ token: zalo.token, apiRoot: zalo.url });
    const [part] = transport.render(payload());
    if (!part) throw new Error('no part');
    zalo.failNext('sendMessage', { error_code: 429, retryAfterSeconds: 2, description: 'quota exceeded' });
    expect(await transport.send('chat-1', part)).toMatchObject({ status: 'throttled', retryAfterMs: 2000 });
    zalo.failNext('sendMessage', { error_code: 500 });
    expect(await transport.send('chat-1', part)).toMatchObject({ status: 'retry' });
    zalo.failNext('sendMessage', { drop: true });
    expect(await transport.send('chat-1', part)).toMatchObject({ status: 'retry' });
    zalo.failNext('sendMessage', { error_code: 403, description: 'user blocked' });
    expect(await transport.send('chat-1', part)).toEqual({ status: 'unreachable', reason: 'forbidden' });
    zalo.failNext('sendMessage', { error_code: 400, description: 'invalid chat' });
    expect(await transport.send('chat-1', part)).toMatchObject({ status: 'permanent' });
    expect(await transport.send('chat-1', part)).toEqual({ status: 'sent' });
  });
});
