import { describe, expect, it } from 'vitest';
import { SendPacer, type Pacer } from '../../src/outbox/send-pacer.ts';

/**
 * A virtual clock for pacers: `sleep` registers a timer, `run` fires them in time order. A stall
 * holds the "event loop" for a while, then fires every timer that came due at once, late, as Node
 * does after a long synchronous task (a migration, a big digest) or a restart under load.
 */
class VirtualClock {
  t = 1_000_000;
  #timers: Array<{ at: number; seq: number; resolve: () => void }> = [];
  #seq = 0;
  readonly now = () => this.t;
  readonly sleep = (ms: number) => new Promise<void>((resolve) => this.#timers.push({ at: this.t + Math.max(0, ms), seq: (this.#seq += 1), resolve }));

  async run(stall?: { at: number; ms: number }): Promise<void> {
    let stalled = false;
    for (let guard = 0; guard < 100_000; guard += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers.shift();
      if (!next) return;
      if (stall && !stalled && next.at >= stall.at) {
        stalled = true;
        this.t = Math.max(this.t, stall.at + stall.ms);
      }
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    throw new Error('virtual clock ran away');
  }
}

/** The most sends found in any one-second window, sliding over every send time. */
function busiestSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while ((sorted[j] ?? Infinity) < (sorted[i] ?? 0) + 1000) j += 1;
    best = Math.max(best, j - i);
  }
  return best;
}

/** Sends `count` messages to distinct chats through `pacers` in turn, recording when each leaves. */
async function wave(clock: VirtualClock, pacers: Pacer[], count: number, stall?: { at: number; ms: number }): Promise<number[]> {
  const left: number[] = [];
  const sends = Array.from({ length: count }, (_, index) => pacers[index % pacers.length]!.turn(`chat-${index}`).then(() => left.push(clock.now())));
  await clock.run(stall);
  await Promise.all(sends);
  return left;
}

describe('pacing holds the rate in every one-second window', () => {
  const RATE = 30;

  it.each([
    ['no stall', undefined],
    ['a stall right after start', { at: 1_000_050, ms: 1_500 }],
    ['a stall in the middle of the wave', { at: 1_001_200, ms: 2_300 }],
    ['a stall before the first send', { at: 1_000_000, ms: 3_000 }],
  ])('in-process pacer, 62 sends at 30/s with %s', async (_name, stall) => {
    const clock = new VirtualClock();
    const pacer = new SendPacer({ perSecond: RATE, perChatIntervalMs: 1000, now: clock.now, sleep: clock.sleep });
    const left = await wave(clock, [pacer], 62, stall);
    expect(left).toHaveLength(62);
    expect(busiestSecond(left)).toBeLessThanOrEqual(RATE);
  });

  it('in-process pacer: a 429 pause holds sends already waiting for their turn', async () => {
    const clock = new VirtualClock();
    const pacer = new SendPacer({ perSecond: RATE, perChatIntervalMs: 1000, now: clock.now, sleep: clock.sleep });
    const left: number[] = [];
    const sends = Array.from({ length: 10 }, (_, index) => pacer.turn(`chat-${index}`).then(() => left.push(clock.now())));
    pacer.pause(5_000);
    await clock.run();
    await Promise.all(sends);
    expect(Math.min(...left)).toBeGreaterThanOrEqual(1_005_000);
  });

  it('in-process pacer: a call that left late pushes back the next turn of the same chat', async () => {
    const clock = new VirtualClock();
    const pacer = new SendPacer({ perSecond: RATE, perChatIntervalMs: 1250, now: clock.now, sleep: clock.sleep });
    const left: number[] = [];
    // The first call is held up 400 ms between its turn and leaving (a slow claim in the database).
    const first = pacer.turn('chat-1').then(async () => {
      await clock.sleep(400);
      pacer.leaving('chat-1');
      left.push(clock.now());
    });
    const second = pacer.turn('chat-1').then(() => left.push(clock.now()));
    await clock.run();
    await Promise.all([first, second]);
    expect(left[1]! - left[0]!).toBeGreaterThanOrEqual(1250);
  });
});
