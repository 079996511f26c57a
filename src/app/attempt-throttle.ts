/**
 * Counts attempts per sender in a sliding window; used to slow down guessing of invitation codes. Kept
 * in memory: a restart forgets the counts, which only gives a guesser a few more tries per restart.
 */
export class AttemptThrottle {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly maxAttempts = 5,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** Records an attempt; false when the sender has used up the window's attempts. */
  allow(key: string, now: Date): boolean {
    const since = now.getTime() - this.windowMs;
    const recent = (this.attempts.get(key) ?? []).filter((at) => at > since);
    if (recent.length >= this.maxAttempts) {
      this.attempts.set(key, recent);
      return false;
    }
    recent.push(now.getTime());
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) this.prune(since);
    return true;
  }

  private prune(since: number): void {
    for (const [key, times] of this.attempts) if (times.every((at) => at <= since)) this.attempts.delete(key);
  }
}
