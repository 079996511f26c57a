import type { Scope } from '../../app/digest/digest-builder.ts';
import type { Overview } from './dashboard-figures.ts';

/** Scopes whose overview is kept: the province, and a few agencies looked at now. */
const KEPT_SCOPES = 8;
const MINUTE_MS = 60_000;

/**
 * Overviews kept per scope while the data stays the same and within the same minute (the figures
 * depend on the time too: periods closing, pace, returned reports growing old). Supervisors reloading
 * the page, or several looking at the province, share one computation; a report filed, a unit or a
 * contact changed anywhere (any process) moves the data version, and the next view computes afresh.
 * The version is read before the figures, so a change made while they are computed is seen next time.
 */
export class OverviewCache {
  private readonly kept = new Map<string, { version: string; minute: number; overview: Promise<Overview> }>();

  constructor(
    private readonly compute: (scope: Scope, now: Date) => Promise<Overview>,
    private readonly dataVersion: (() => Promise<string>) | undefined,
  ) {}

  async get(scope: Scope, now: Date): Promise<Overview> {
    if (!this.dataVersion) return this.compute(scope, now);
    const version = await this.dataVersion();
    const key = scope.units.map((unit) => unit.id).join(',');
    const minute = Math.floor(now.getTime() / MINUTE_MS);
    const hit = this.kept.get(key);
    if (hit && hit.version === version && hit.minute === minute) return hit.overview;
    const entry = { version, minute, overview: this.compute(scope, now) };
    this.kept.delete(key);
    this.kept.set(key, entry);
    if (this.kept.size > KEPT_SCOPES) this.kept.delete(this.kept.keys().next().value as string);
    // A failed computation is not kept: the next view tries again.
    entry.overview.catch(() => {
      if (this.kept.get(key) === entry) this.kept.delete(key);
    });
    return entry.overview;
  }
}
