/**
 * Token buckets per key (a client address, a provider host): `perMinute` requests a minute, up to a
 * burst of a quarter of that at once. In memory only; a key that has been quiet for a while is dropped.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly burst: number;
  private readonly perMs: number;

  constructor(
    perMinute: number,
    private readonly now: () => number,
  ) {
    this.burst = Math.max(1, Math.ceil(perMinute / 4));
    this.perMs = perMinute / 60_000;
  }

  /** Takes one request's token; false when the key is over its limit. */
  take(key: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Forgets full buckets (keys quiet long enough to be back at their burst). */
  prune(): void {
    const now = this.now();
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.burst) this.buckets.delete(key);
    }
  }
}
