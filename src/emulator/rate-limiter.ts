// Per-second quotas, as AWS applies them to GetId, GetCredentialsForIdentity and PutEvents (per
// dataset group): a sliding one-second window per key. A refused call does not use up the quota.

const WINDOW_MS = 1000;

export class RateLimiter {
  private readonly windows = new Map<string, number[]>(); // key -> times of allowed calls, oldest first

  /** True, and the call counted, when `key` had fewer than `perSecond` calls in the last second. */
  allow(key: string, perSecond: number, nowMs: number): boolean {
    const times = (this.windows.get(key) ?? []).filter((time) => time > nowMs - WINDOW_MS);
    const allowed = times.length < perSecond;
    if (allowed) times.push(nowMs);
    this.windows.set(key, times);
    return allowed;
  }

  clear(): void {
    this.windows.clear();
  }
}
